// Learning from a deployment's own labels: train a model on stored labelled mentions (analysts' corrections
// above listening-tool labels), cross-validate it against the scorers it would replace on the same folds,
// store it, and activate it only when it wins. Also keeps an enricher on the active model.
import type { MentionSentimentRepository } from '../../repositories/mention-sentiment.repository.js';
import type { SentimentModelsRepository } from '../../repositories/sentiment-models.repository.js';
import type { Enricher } from '../enricher.js';
import { shippedDutchScorer } from '../enricher.js';
import type { Polarity } from '../sentiment.evaluation.js';
import {
  createModelScratch,
  decodeLinearModel,
  encodeLinearModel,
  predictWithModel,
  weightsOf,
  type LinearSentimentModel,
} from './linear.model.js';
import {
  crossValidate,
  DEFAULT_MODEL_SETTINGS,
  trainFinalModel,
  prepareRows,
  type CrossValidation,
  type ModelSettings,
  type ScorerFigures,
} from './sentiment-model.training.js';
import { defaultDutchModel, shippedDutchModel } from './shipped-model.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  LEXICON,
  MODEL_LANGUAGE,
  SHIPPED,
  type TrainOptions,
} from './model-choices.js';
import type { TrainingMention } from '../stored-sentiment.js';
import type { StoredModel } from './stored-model.js';

export { DEFAULT_TRAIN_OPTIONS, LEXICON, MODEL_LANGUAGE, SHIPPED, type TrainOptions };

// L2 strengths per example: on the ~6,000 development texts these equal the per-text strengths that cross-validated
// best there (1e-4 and 1e-5).
const PRIOR_STRENGTH = 0.6;
const PRIOR_STRENGTH_DENSE = 0.06;

export interface TrainReport {
  version: string | null;
  activated: boolean;
  reason: string;
  rows: { total: number; analyst: number; tool: number; per_class: Record<Polarity, number> };
  /** Cross-validated three-class figures of the new model and the baselines on the same folds. */
  cross_validation: Omit<CrossValidation, 'scores'> | null;
  /** The figure the decision compares: three-class macro-F1 (positive, neutral, negative). */
  decided_on: 'macro_f1 over positive, neutral, negative';
  prior: string | null;
}

export interface ModelStatus {
  language: string;
  lexicon: string;
  shipped: string | null;
  /** What scores Dutch when no choice is active: the shipped model, or the lexicon in a build without one. */
  default: string;
  in_use: string;
  active: StoredModel | null;
  recent: StoredModel[];
  corrections: number;
}

function countClasses(rows: readonly TrainingMention[]): Record<Polarity, number> {
  const counts: Record<Polarity, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const row of rows) counts[row.label]++;
  return counts;
}

export class SentimentModelService {
  constructor(
    private readonly models: SentimentModelsRepository,
    private readonly mentions: MentionSentimentRepository,
    private readonly enricher: Enricher,
  ) {}

  async train(options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Promise<TrainReport> {
    const progress = options.onProgress ?? (() => {});
    const labelled = await this.mentions.trainingMentions(options.maxRows);
    const perClass = countClasses(labelled);
    const analyst = labelled.filter((r) => r.origin === 'analyst').length;
    const rows = { total: labelled.length, analyst, tool: labelled.length - analyst, per_class: perClass };
    const shipped = shippedDutchModel();
    const dutch = shippedDutchScorer();
    const usableShipped = shipped !== null && shipped.lexiconVersion === dutch.version ? shipped : null;
    const base = {
      version: null,
      activated: false,
      rows,
      cross_validation: null,
      decided_on: 'macro_f1 over positive, neutral, negative' as const,
      prior: usableShipped?.version ?? null,
    };
    if (labelled.length < options.minRows) {
      return {
        ...base,
        reason: `only ${labelled.length} labelled mentions with text; at least ${options.minRows} are needed`,
      };
    }
    if (Object.values(perClass).filter((n) => n > 0).length < 2) {
      return { ...base, reason: 'the labels have fewer than two classes' };
    }
    // A deployment's model starts from the shipped one (same features), so few labels move it only a little.
    // The penalty is fixed per example (a prior), so it weighs relatively more the fewer labels there are.
    const settings = options.settings ?? {
      ...DEFAULT_MODEL_SETTINGS,
      spec: usableShipped?.spec ?? DEFAULT_MODEL_SETTINGS.spec,
      lambda: PRIOR_STRENGTH / labelled.length,
      lambdaDense: PRIOR_STRENGTH_DENSE / labelled.length,
    };
    const prior =
      usableShipped !== null && sameSpec(usableShipped, settings) ? weightsOf(usableShipped) : null;
    progress(`featurising ${labelled.length} labelled mentions`);
    const prepared = prepareRows(
      labelled.map((r) => ({
        id: r.id,
        text: r.text,
        label: r.label,
        weight: r.origin === 'analyst' ? options.correctionWeight : 1,
      })),
      dutch,
      settings.spec,
    );
    const baselines: Record<string, (row: (typeof prepared)[number]) => Polarity> = {
      [dutch.version]: (row) => row.lexicon.label,
    };
    if (usableShipped !== null) {
      const scratch = createModelScratch();
      baselines[usableShipped.version] = (row) =>
        predictWithModel(usableShipped, dutch.lexicon, row.tokens, row.lexicon, scratch).label;
    }
    const cv = crossValidate(prepared, settings, baselines, {
      folds: options.folds,
      prior,
      onFold: (f) => progress(`fold ${f + 1}/${options.folds} trained`),
    });
    const best = Object.entries(cv.baselines).reduce<[string, ScorerFigures] | null>(
      (top, entry) => (top === null || entry[1].macro_f1 > top[1].macro_f1 ? entry : top),
      null,
    );
    const gain = cv.model.macro_f1 - (best?.[1].macro_f1 ?? 0);
    const wins = gain >= options.minGain;
    progress('training the final model on every labelled mention');
    const model = trainFinalModel(
      prepared,
      settings,
      cv.scores,
      dutch.version,
      `${labelled.length} stored mentions (${analyst} analyst corrections weighted x${options.correctionWeight}, ${labelled.length - analyst} listening-tool labels)${prior ? `, from ${usableShipped?.version}` : ''}`,
      prior,
    );
    const reason = wins
      ? `macro-F1 ${cv.model.macro_f1.toFixed(3)} beats ${best?.[0]} (${best?.[1].macro_f1.toFixed(3)}) by ${gain.toFixed(3)}`
      : `macro-F1 ${cv.model.macro_f1.toFixed(3)} does not beat ${best?.[0]} (${best?.[1].macro_f1.toFixed(3)}) by ${options.minGain}`;
    const { scores: _scores, ...figures } = cv;
    const report: TrainReport = {
      ...base,
      version: model.version,
      activated: wins,
      reason,
      cross_validation: figures,
    };
    await this.models.save(
      {
        version: model.version,
        language: MODEL_LANGUAGE,
        weights: encodeLinearModel(model),
        metrics: {
          ...report,
          trained_on: model.trainedOn,
          rule: model.rule,
          settings,
          trained_at: new Date().toISOString(),
        },
      },
      wins,
    );
    if (wins) this.enricher.useDutchModel(model);
    return report;
  }

  async status(limit = 5): Promise<ModelStatus> {
    const recent = await this.models.list(MODEL_LANGUAGE, limit);
    const activeVersion = await this.models.activeVersion(MODEL_LANGUAGE);
    const active = activeVersion === null ? null : await this.models.get(activeVersion);
    return {
      language: MODEL_LANGUAGE,
      lexicon: this.enricher.lexiconVersion,
      shipped: shippedDutchModel()?.version ?? null,
      default: this.defaultModel()?.version ?? this.enricher.lexiconVersion,
      in_use: this.enricher.versions.sentiment_nl,
      active,
      recent,
      corrections: await this.mentions.correctionCount(),
    };
  }

  /**
   * Makes a stored model the active one; `shipped` first stores the model this build ships (trained on the
   * development sets, see services/nlp/model/README.md), `lexicon` chooses the lexicon alone. Returns the
   * version now in use, or null if there is no such model.
   */
  async activate(version: string): Promise<string | null> {
    if (version === LEXICON) {
      this.enricher.useDutchModel(null);
      await this.models.save(
        {
          version: LEXICON,
          language: MODEL_LANGUAGE,
          weights: Buffer.alloc(0),
          metrics: { origin: 'lexicon' },
        },
        true,
      );
      return this.enricher.lexiconVersion;
    }
    if (version === SHIPPED) {
      const shipped = shippedDutchModel();
      if (shipped === null) return null;
      this.enricher.useDutchModel(shipped);
      await this.models.save(
        {
          version: shipped.version,
          language: MODEL_LANGUAGE,
          weights: encodeLinearModel(shipped),
          metrics: { origin: 'shipped', trained_on: shipped.trainedOn, rule: shipped.rule },
        },
        true,
      );
      return shipped.version;
    }
    const weights = await this.models.weights(version);
    if (weights === null) return null;
    // Refuse before activating: a model over another lexicon would be refused by every worker.
    this.enricher.useDutchModel(decodeLinearModel(weights));
    return (await this.models.activate(version)) ? version : null;
  }

  /** No choice is active any more: back to the default scorer (the shipped model). */
  async deactivate(): Promise<number> {
    const n = await this.models.deactivate(MODEL_LANGUAGE);
    this.enricher.useDutchModel(this.defaultModel());
    return n;
  }

  /**
   * Puts the enricher on the active choice, or on the default when none is active. Cheap when nothing changed
   * (one indexed lookup). Returns the version now in use.
   */
  async refresh(): Promise<string> {
    const active = await this.models.activeVersion(MODEL_LANGUAGE);
    if (active === null || active === LEXICON) {
      const wanted = active === LEXICON ? null : this.defaultModel();
      if (this.enricher.versions.sentiment_nl !== (wanted?.version ?? this.enricher.lexiconVersion))
        this.enricher.useDutchModel(wanted);
      return this.enricher.versions.sentiment_nl;
    }
    if (active === this.enricher.versions.sentiment_nl) return active;
    const weights = await this.models.weights(active);
    if (weights !== null) this.enricher.useDutchModel(decodeLinearModel(weights));
    return this.enricher.versions.sentiment_nl;
  }

  private defaultModel(): LinearSentimentModel | null {
    return defaultDutchModel(this.enricher.lexiconVersion);
  }
}

function sameSpec(model: LinearSentimentModel, settings: ModelSettings): boolean {
  return JSON.stringify(model.spec) === JSON.stringify(settings.spec);
}

export type { StoredModel };
