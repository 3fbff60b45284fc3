// Reads a publication's title and text the way the enricher reads a post: topics from the topic taxonomy's terms,
// and a direction from Dutch cue words (aanscherping, verbod, sluiten against versoepeling, heropenen, vervalt).
// "niet meer verplicht" is read as one relaxation cue, so its "verplicht" does not also count as a tightening.
import type { Taxonomy } from '../nlp/taxonomy.js';
import { createTopicMatcher } from '../nlp/topic.matcher.js';
import { TOKEN_WORD, tokenize, type Token } from '../nlp/text.tokenizer.js';
import type { MeasureDirection } from './measure.js';

export interface Classification {
  topics: string[];
  direction: MeasureDirection;
  /** The cue words found, for the note on the measure and for checking a classification by hand. */
  cues: { tightening: string[]; relaxation: string[] };
}

export interface MeasureClassifier {
  classify(title: string, text: string): Classification;
}

// Phrases first (their words are then used up), then single words: exact words and word starts.
const RELAXATION_PHRASES = [
  'niet meer verplicht',
  'niet langer verplicht',
  'geen plicht meer',
  'mag weer',
  'mogen weer',
  'kan weer',
  'kunnen weer',
  'weer open',
  'weer toegestaan',
  'weer mogelijk',
  'gaan open',
  'gaat open',
  'meer ruimte',
  'niet meer nodig',
  'niet langer nodig',
  'geen mondkapje meer',
  'vervallen de',
].map((phrase) => phrase.split(' '));

const TIGHTENING_PHRASES = [
  'gaan dicht',
  'gaat dicht',
  'blijven dicht',
  'blijft dicht',
  'niet meer toegestaan',
  'niet langer toegestaan',
  'niet meer mogelijk',
  'extra maatregelen',
  'aanvullende maatregelen',
  'strengere maatregelen',
  'zwaardere maatregelen',
].map((phrase) => phrase.split(' '));

const RELAXATION_WORDS = new Set([
  'open',
  'opent',
  'openen',
  'geopend',
  'toegestaan',
  'vervalt',
  'vervallen',
  'opgeheven',
  'losgelaten',
  'afgeschaft',
  'eindigt',
  'ingetrokken',
  'terug',
]);
const RELAXATION_STARTS = [
  'versoepel',
  'heropen',
  'verruim',
  'ophef',
  'afschaf',
  'loslat',
  'beeindig',
  'openstel',
];

const TIGHTENING_WORDS = new Set([
  'dicht',
  'dichtgaan',
  'dichtblijven',
  'gesloten',
  'sluiten',
  'sluit',
  'sluiting',
  'stopt',
  'lockdown',
  'verboden',
  'verbiedt',
  'maximaal',
  'maximum',
  'avondklok',
  'thuisblijven',
  'noodbevel',
]);
const TIGHTENING_STARTS = [
  'aanscherp',
  'verscherp',
  'strenger',
  'verbod',
  'verplicht',
  'beperk',
  'inperk',
  'sluiting',
];
// Compounds that end in a duty or a ban: mondkapjesplicht, samenscholingsverbod, bezoekverbod.
const TIGHTENING_ENDS = ['plicht', 'verbod', 'verplichting'];

function words(tokens: readonly Token[]): string[] {
  return tokens.filter((token) => token.kind === TOKEN_WORD).map((token) => token.text.replace(/['-]/g, ''));
}

function phraseAt(list: readonly string[], at: number, phrases: readonly string[][]): string[] | null {
  for (const phrase of phrases) {
    if (phrase.every((word, k) => list[at + k] === word)) return phrase;
  }
  return null;
}

// Words that turn the next tightening cue around: "einde avondklok", "intrekking sluiting", "geen verbod",
// "vrijstelling van het samenkomstverbod". The first four are relaxation cues themselves.
const TURNING_CUES = new Set(['einde', 'intrekking', 'opheffing', 'vrijstelling', 'vrijstellingsbesluit']);
const TURNING_WORDS = new Set(['geen', 'zonder']);
const TURN_REACH = 4;

function isTightening(word: string): boolean {
  return (
    TIGHTENING_WORDS.has(word) ||
    TIGHTENING_STARTS.some((start) => word.startsWith(start)) ||
    TIGHTENING_ENDS.some((end) => word.length > end.length + 3 && word.endsWith(end))
  );
}

/** Counts the cues of each direction in a list of words. */
export function directionCues(list: readonly string[]): { tightening: string[]; relaxation: string[] } {
  const cues = { tightening: [] as string[], relaxation: [] as string[] };
  let turnUntil = -1;
  for (let i = 0; i < list.length; i++) {
    const relaxing = phraseAt(list, i, RELAXATION_PHRASES);
    if (relaxing) {
      cues.relaxation.push(relaxing.join(' '));
      i += relaxing.length - 1;
      continue;
    }
    const tightening = phraseAt(list, i, TIGHTENING_PHRASES);
    if (tightening) {
      (i <= turnUntil ? cues.relaxation : cues.tightening).push(tightening.join(' '));
      i += tightening.length - 1;
      continue;
    }
    const word = list[i]!;
    if (TURNING_CUES.has(word) || TURNING_WORDS.has(word)) {
      if (TURNING_CUES.has(word)) cues.relaxation.push(word);
      turnUntil = i + TURN_REACH;
    } else if (RELAXATION_WORDS.has(word) || RELAXATION_STARTS.some((start) => word.startsWith(start))) {
      cues.relaxation.push(word);
    } else if (isTightening(word)) {
      if (i <= turnUntil) {
        cues.relaxation.push(`${list.slice(Math.max(0, turnUntil - TURN_REACH), i + 1).join(' ')}`);
        turnUntil = -1;
      } else cues.tightening.push(word);
    }
  }
  return cues;
}

/** Clearly more cues of one kind decide; both in like measure, or none, is mixed (the neutral label). */
export function directionOf(cues: { tightening: string[]; relaxation: string[] }): MeasureDirection {
  const t = cues.tightening.length;
  const r = cues.relaxation.length;
  if (t > 0 && r === 0) return 'tightening';
  if (r > 0 && t === 0) return 'relaxation';
  if (t >= 2 * r && t > 0) return 'tightening';
  if (r >= 2 * t && r > 0) return 'relaxation';
  return 'mixed';
}

// Official texts can be long; their opening (title, considerations, first articles) says what the measure is.
const MAX_TEXT = 6_000;

export function createMeasureClassifier(taxonomy: Taxonomy): MeasureClassifier {
  const matcher = createTopicMatcher(taxonomy);
  return {
    classify(title, text) {
      const titleTokens = tokenize(title);
      const textTokens = tokenize(text.slice(0, MAX_TEXT));
      const topics = matcher.match(textTokens, titleTokens);
      const titleCues = directionCues(words(titleTokens));
      const textCues = directionCues(words(textTokens));
      // The title names the change; its cues count double.
      const cues = {
        tightening: [...titleCues.tightening, ...titleCues.tightening, ...textCues.tightening],
        relaxation: [...titleCues.relaxation, ...titleCues.relaxation, ...textCues.relaxation],
      };
      return {
        topics: [...topics].sort(),
        direction: directionOf(cues),
        cues: {
          tightening: [...new Set(cues.tightening)],
          relaxation: [...new Set(cues.relaxation)],
        },
      };
    },
  };
}
