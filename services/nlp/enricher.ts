// The one entry point the ingest pipeline calls for every mention: language, sentiment and topics.
// Synchronous and allocation-light: all tables are built once in createEnricher(), enrich() only reads them.
import { DEFAULT_DUTCH_PARAMETERS, scoreDutch, type DutchSentimentParameters } from './dutch.sentiment.js';
import { createEnglishScorer, ENGLISH_MODEL_VERSION } from './english.sentiment.js';
import { detectLanguageFromTokens, normaliseStatedLanguage } from './language.detector.js';
import { createModelScratch, predictWithModel, type LinearSentimentModel } from './model/linear.model.js';
import { defaultDutchModel } from './model/shipped-model.js';
import { fittedSentiment } from './lexicon-data.js';
import { buildSentimentLexicon, fnv1a, type SentimentLexicon } from './sentiment.lexicon.js';
import { defaultTaxonomy, type Taxonomy } from './taxonomy.js';
import { createTopicMatcher } from './topic.matcher.js';
import { tokenize, type Token } from './text.tokenizer.js';

export type { Taxonomy, Topic } from './taxonomy.js';

export interface SentimentResult {
  /** -1..1, 3 decimals. */
  score: number;
  label: 'positive' | 'neutral' | 'negative';
  /** 0..1: how sure the scorer is of the label. */
  confidence: number;
  /** Which scorer made it, with its version (linear-nl@1+digest, lexicon-nl@1+digest, wink-en@1). */
  model: string;
  /** The words that carried the score, strongest first. */
  carriers: { word: string; weight: number }[];
}

export interface Enrichment {
  language: 'nl' | 'en' | 'und';
  sentiment: SentimentResult;
  /** Taxonomy ids. */
  topics: string[];
}

export interface Enricher {
  enrich(text: string, hints?: { language?: string | null; title?: string | null }): Enrichment;
  readonly taxonomy: Taxonomy;
  /** sentiment_nl names what scores Dutch now: the learned model in use, or the lexicon. */
  readonly versions: { sentiment_nl: string; sentiment_en: string; topics: string };
  /** The Dutch lexicon's own version, whatever model is in use (a model's features come from it). */
  readonly lexiconVersion: string;
  /**
   * Scores Dutch with this learned model from now on (null: the lexicon alone). A model made over another
   * lexicon version is refused, since its features would mean something else.
   */
  useDutchModel(model: LinearSentimentModel | null): void;
  /** The learned model in use (null: the lexicon alone), for the scoring workers to score with the same one. */
  dutchModel(): LinearSentimentModel | null;
}

/** At most this many carriers are reported per text. */
const MAX_CARRIERS = 8;
const UNSUPPORTED_MODEL = 'none@1';

export function parseFittedWeights(table: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const line of table.split('\n')) {
    const cut = line.lastIndexOf(' ');
    if (cut <= 0) continue;
    const weight = Number(line.slice(cut + 1));
    if (Number.isFinite(weight)) weights.set(line.slice(0, cut), weight);
  }
  return weights;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export interface DutchScorerSetup {
  lexicon: SentimentLexicon;
  parameters: DutchSentimentParameters;
  version: string;
}

/** The shipped Dutch scorer: fitted weights and parameters over pattern's and our own lexicon. */
export function shippedDutchScorer(): DutchScorerSetup {
  const fitted = fittedSentiment();
  const lexicon = buildSentimentLexicon({ weights: parseFittedWeights(fitted.weights) });
  const parameters = fitted.parameters ?? DEFAULT_DUTCH_PARAMETERS;
  const version = `lexicon-nl@1+${fnv1a(lexicon.digest + JSON.stringify(parameters))}`;
  return { lexicon, parameters, version };
}

export interface EnricherOptions {
  taxonomy?: Taxonomy;
  /**
   * The Dutch scorer to start with: a learned model, or null for the lexicon alone. Left out, the default: the
   * shipped model (defaultDutchModel). A deployment's own choice is put in by SentimentModelService.refresh().
   */
  dutchModel?: LinearSentimentModel | null;
}

export function createEnricher(options: EnricherOptions = {}): Enricher {
  const taxonomy = options.taxonomy ?? defaultTaxonomy();
  const dutch = shippedDutchScorer();
  // Built on the first English text: an import's main thread whose texts are scored in workers never pays its
  // 40 MB (wink's model), which keeps the import with its scoring worker under 400 MB.
  let english: ReturnType<typeof createEnglishScorer> | null = null;
  const matcher = createTopicMatcher(taxonomy);
  const versions = {
    sentiment_nl: dutch.version,
    sentiment_en: ENGLISH_MODEL_VERSION,
    topics: `terms@1+${taxonomy.version}+${fnv1a(JSON.stringify(taxonomy.topics))}`,
  };
  let model: LinearSentimentModel | null = null;
  const scratch = createModelScratch();
  const useDutchModel = (next: LinearSentimentModel | null): void => {
    if (next !== null && next.lexiconVersion !== dutch.version) {
      throw new Error(
        `sentiment model ${next.version} was trained over lexicon ${next.lexiconVersion}, this build has ${dutch.version}`,
      );
    }
    model = next;
    versions.sentiment_nl = next === null ? dutch.version : next.version;
  };
  useDutchModel(options.dutchModel !== undefined ? options.dutchModel : defaultDutchModel(dutch.version));

  const dutchSentiment = (tokens: readonly Token[]): SentimentResult => {
    const scored = scoreDutch(dutch.lexicon, dutch.parameters, tokens);
    const carriers = scored.carriers
      .slice()
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, MAX_CARRIERS)
      .map((c) => ({ word: c.word, weight: round3(c.contribution) }));
    if (model !== null) {
      // The lexicon still explains (carriers); the model decides.
      const predicted = predictWithModel(model, dutch.lexicon, tokens, scored, scratch);
      return {
        score: round3(predicted.score),
        label: predicted.label,
        confidence: round3(predicted.confidence),
        model: model.version,
        carriers,
      };
    }
    return {
      score: round3(scored.score),
      label: scored.label,
      confidence: round3(Math.max(0, Math.min(1, scored.confidence))),
      model: dutch.version,
      carriers,
    };
  };

  return {
    taxonomy,
    versions,
    lexiconVersion: dutch.version,
    useDutchModel,
    dutchModel: () => model,
    enrich(text, hints) {
      const title = hints?.title?.trim() ?? '';
      // A title that merely repeats the start of the text is not read twice.
      const titleTokens = title.length > 0 && !text.startsWith(title) ? tokenize(title) : null;
      const tokens = tokenize(text);
      const stated = normaliseStatedLanguage(hints?.language);
      const both = titleTokens === null ? tokens : [...titleTokens, ...tokens];
      const language = stated ?? detectLanguageFromTokens(both).language;
      let sentiment: SentimentResult;
      if (language === 'en') {
        english ??= createEnglishScorer();
        const scored = english.score(titleTokens === null ? text : `${title}\n${text}`);
        sentiment = { ...scored, confidence: round3(scored.confidence), model: ENGLISH_MODEL_VERSION };
      } else if (stated === 'und') {
        // The source says it is another language (de, fr): our lexicons do not apply.
        sentiment = { score: 0, label: 'neutral', confidence: 0, model: UNSUPPORTED_MODEL, carriers: [] };
      } else {
        // Dutch, or too short to tell: this service is Dutch first, so the Dutch lexicon reads it.
        sentiment = dutchSentiment(both);
      }
      return { language, sentiment, topics: matcher.match(tokens, titleTokens ?? undefined) };
    },
  };
}
