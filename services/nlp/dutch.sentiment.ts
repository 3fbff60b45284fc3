// Lexicon-based Dutch sentiment: every sentiment word (a carrier) contributes its polarity, scaled by the
// modifiers before it, flipped by a negation in the same clause, boosted by ! and capitals; the text's score is
// a logistic squash of the length-normalised sum. Parameters and word weights are fitted (tools/nlp/sentiment.fit.ts).
import type { LexiconEntry, SentimentLexicon } from './sentiment.lexicon.js';
import { TOKEN_BOUNDARY, TOKEN_WORD, type Token } from './text.tokenizer.js';

export interface DutchSentimentParameters {
  /** A negated positive word becomes -polarity * this (niet goed). */
  negatedPositive: number;
  /** A negated negative word becomes -polarity * this (niet slecht is mildly positive). */
  negatedNegative: number;
  /** 'clause': negation flips every carrier up to the clause break; 'first': only the next carrier. */
  negationScope: 'clause' | 'first';
  /** Each '!' (up to 3) closing a clause scales its carriers by 1 + this. */
  exclamationBoost: number;
  /** Carriers in a clause that ends in '?' are scaled by this (questions assert less). */
  questionFactor: number;
  /** A carrier written in capitals is scaled by this. */
  capsBoost: number;
  /** The sum of contributions is divided by N^lengthExponent (1 = mean, 0 = sum). */
  lengthExponent: number;
  scale: number;
  bias: number;
  /** |score| below this is neutral. */
  neutralBand: number;
  /** With an irony marker present, praise words count as -this times their polarity (0 = off). */
  ironyFactor: number;
  /** Treat 'dat', 'die', 'als', 'wat', 'wie', 'waarom' as clause breaks too. */
  subordinateBreaks: boolean;
}

export const DEFAULT_DUTCH_PARAMETERS: DutchSentimentParameters = {
  negatedPositive: 1,
  negatedNegative: 0.5,
  negationScope: 'clause',
  exclamationBoost: 0.15,
  questionFactor: 0.8,
  capsBoost: 1.3,
  lengthExponent: 1,
  scale: 4,
  bias: 0,
  neutralBand: 0.2,
  ironyFactor: 0,
  subordinateBreaks: false,
};

export interface Carrier {
  /** The word or phrase as written (folded). */
  word: string;
  /** Lexicon key the weight belongs to. */
  key: string;
  /** Everything that scaled the key's weight here: modifiers, negation, punctuation, capitals. */
  multiplier: number;
  /** Signed contribution = multiplier * weight (with the negation asymmetry applied). */
  contribution: number;
}

export interface DutchScore {
  carriers: Carrier[];
  /** Length-normalised sum before the squash. */
  raw: number;
  score: number;
  label: 'positive' | 'neutral' | 'negative';
  confidence: number;
}

const SUBORDINATE = new Set(['dat', 'die', 'als', 'wat', 'wie', 'waarom', 'wanneer', 'hoe']);
const DERIVED_ENDINGS = ['ig', 'lijk', 'isch', 'end'];

interface Resolved {
  entry: LexiconEntry;
  /** Extra factor from the word's form (superfijn, elongated moooi). */
  factor: number;
}

function collapseRuns(word: string, keep: number): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] ?? '';
    run = i > 0 && word[i - 1] === ch ? run + 1 : 1;
    if (run <= keep) out += ch;
  }
  return out;
}

function hasRun(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    if (word.charCodeAt(i) === word.charCodeAt(i - 1) && word.charCodeAt(i) === word.charCodeAt(i - 2))
      return true;
  }
  return false;
}

/** Finds a word's lexicon entry directly, through elongation (mooooi) or as a compound of known parts. */
export function resolveWord(lexicon: SentimentLexicon, word: string): Resolved | null {
  const direct = lexicon.words.get(word);
  if (direct !== undefined) return { entry: direct, factor: 1 };
  const n = word.length;
  if (n >= 4 && hasRun(word)) {
    const two = lexicon.words.get(collapseRuns(word, 2)) ?? lexicon.words.get(collapseRuns(word, 1));
    if (two !== undefined) return { entry: two, factor: 1.2 };
  }
  if (word.indexOf('-') > 0) {
    // Hyphenated compounds: the head decides (anti-avondklok-onzin), a swear prefix makes it negative.
    const parts = word.split('-');
    const last = parts[parts.length - 1] ?? '';
    const head = last.length >= 3 ? lexicon.words.get(last) : undefined;
    if (head !== undefined) return { entry: head, factor: 1 };
    const first = parts[0] ?? '';
    for (const [prefix, polarity] of lexicon.negativePrefixes) {
      if (first === prefix) return { entry: swearEntry(prefix, polarity), factor: 1 };
    }
    return null;
  }
  if (n < 7) return null;
  // Swear and intensifying first parts, found in one walk over the word's start.
  let prefixNode = lexicon.prefixes;
  for (let j = 0; j < n - 3; j++) {
    const child = prefixNode.next.get(word.charCodeAt(j));
    if (child === undefined) break;
    prefixNode = child;
    const prefix = prefixNode.prefix;
    if (prefix === null) continue;
    if (prefix.polarity !== 0) return { entry: swearEntry(prefix.text, prefix.polarity), factor: 1 };
    const rest = lexicon.words.get(word.slice(j + 1));
    if (rest !== undefined) return { entry: rest, factor: prefix.factor };
  }
  // Known head after a first part of at least 3 letters, longest head first (walk the word backwards).
  let node = lexicon.heads;
  let head: LexiconEntry | null = null;
  for (let j = n - 1; j >= 3; j--) {
    const child = node.next.get(word.charCodeAt(j));
    if (child === undefined) break;
    node = child;
    if (node.entry !== null && n - j >= 3) head = node.entry;
  }
  if (head !== null) return { entry: head, factor: 1 };
  // Known first part, then at least 4 more letters (a linking -s-/-e- may follow it).
  node = lexicon.firstParts;
  for (let j = 0; j < n - 4; j++) {
    const child = node.next.get(word.charCodeAt(j));
    if (child === undefined) break;
    node = child;
    if (node.entry !== null && j + 1 >= 4) return { entry: node.entry, factor: 1 };
  }
  return null;
}

// One entry per swear prefix, made once: the key is the prefix with a dash so carriers read "kut-".
const swearEntries = new Map<string, LexiconEntry>();
function swearEntry(prefix: string, polarity: number): LexiconEntry {
  let entry = swearEntries.get(prefix);
  if (entry === undefined || entry.polarity !== polarity) {
    entry = {
      key: `${prefix}-`,
      polarity,
      head: false,
      modifierPart: false,
      intensity: 1,
      fromPattern: false,
    };
    swearEntries.set(prefix, entry);
  }
  return entry;
}

function phraseAt(lexicon: SentimentLexicon, tokens: readonly Token[], i: number) {
  const first = tokens[i];
  if (first === undefined || first.kind !== TOKEN_WORD) return null;
  const candidates = lexicon.phrases.get(first.text);
  if (candidates === undefined) return null;
  for (const phrase of candidates) {
    let ok = true;
    for (let k = 1; k < phrase.tokens.length; k++) {
      const t = tokens[i + k];
      if (t === undefined || t.kind !== TOKEN_WORD || t.text !== phrase.tokens[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return phrase;
  }
  return null;
}

/** Scores tokens of a Dutch text. Allocates only the carriers it finds. */
export function scoreDutch(
  lexicon: SentimentLexicon,
  params: DutchSentimentParameters,
  tokens: readonly Token[],
  polarityOf: (key: string, listed: number) => number = (_k, listed) => listed,
): DutchScore {
  const carriers: Carrier[] = [];
  let negated = false;
  let negationUsed = false;
  let pending = 1;
  let clauseStart = 0;
  let irony = false;
  const count = tokens.length;
  // Each word is resolved at most once per text, though look-ahead asks for the next one early.
  const resolvedAt: (Resolved | null | undefined)[] = new Array<Resolved | null | undefined>(count);
  const resolveAt = (k: number): Resolved | null => {
    const known = resolvedAt[k];
    if (known !== undefined) return known;
    const t = tokens[k];
    const r = t !== undefined && t.kind === TOKEN_WORD ? resolveWord(lexicon, t.text) : null;
    resolvedAt[k] = r;
    return r;
  };

  const add = (word: string, key: string, polarity: number, multiplier: number, negatable: boolean): void => {
    let m = multiplier;
    let p = polarity;
    if (negatable && negated && !(params.negationScope === 'first' && negationUsed)) {
      m = -m * (p >= 0 ? params.negatedPositive : params.negatedNegative);
      negationUsed = true;
    }
    p *= m;
    carriers.push({ word, key, multiplier: m, contribution: p });
  };
  const closeClause = (exclamations: number, questions: number): void => {
    let f = 1;
    if (exclamations > 0) f *= 1 + params.exclamationBoost * (exclamations > 3 ? 3 : exclamations);
    if (questions > 0 && exclamations === 0) f *= params.questionFactor;
    if (f !== 1) {
      for (let k = clauseStart; k < carriers.length; k++) {
        const c = carriers[k];
        if (c !== undefined) {
          c.multiplier *= f;
          c.contribution *= f;
        }
      }
    }
    clauseStart = carriers.length;
    negated = false;
    negationUsed = false;
    pending = 1;
  };

  for (let i = 0; i < count; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (token.kind === TOKEN_BOUNDARY) {
      closeClause(token.exclamations, token.questions);
      continue;
    }
    const text = token.text;
    if (token.kind !== TOKEN_WORD) {
      // Emoji and emoticons stand on their own: no negation, no modifiers.
      if (lexicon.irony.has(text)) irony = true;
      const entry = lexicon.words.get(text);
      if (entry !== undefined) {
        carriers.push({
          word: text,
          key: entry.key,
          multiplier: 1,
          contribution: polarityOf(entry.key, entry.polarity),
        });
      }
      continue;
    }
    if (token.hashtag && lexicon.irony.has(text)) {
      irony = true;
      continue;
    }
    const phrase = phraseAt(lexicon, tokens, i);
    if (phrase !== null) {
      // Polarity 0 phrases (positief getest) only keep their words from being scored.
      const polarity = polarityOf(phrase.key, phrase.polarity);
      if (polarity !== 0) add(phrase.key, phrase.key, polarity, pending, !phrase.negated);
      pending = 1;
      i += phrase.tokens.length - 1;
      continue;
    }
    if (lexicon.negators.has(text)) {
      // "niet alleen ... maar ook" is not a negation.
      const next = tokens[i + 1];
      if (!(text === 'niet' && next !== undefined && next.text === 'alleen')) {
        negated = true;
        negationUsed = false;
      }
      pending = 1;
      continue;
    }
    if (lexicon.clauseBreaks.has(text) || (params.subordinateBreaks && SUBORDINATE.has(text))) {
      negated = false;
      negationUsed = false;
      pending = 1;
      continue;
    }
    const modifier = lexicon.modifiers.get(text);
    if (modifier !== undefined) {
      const next = tokens[i + 1];
      const nextIsScored =
        next !== undefined &&
        next.kind === TOKEN_WORD &&
        (lexicon.modifiers.has(next.text) || resolveAt(i + 1) !== null);
      if (nextIsScored) {
        pending *= modifier.factor;
      } else if (modifier.standalone !== 0 && (next === undefined || next.kind !== TOKEN_WORD)) {
        // Only at the end of a clause is a modifier its own judgement ("dat is erg", "super!").
        add(
          text,
          `~${text}`,
          polarityOf(text, modifier.standalone),
          pending * (token.caps ? params.capsBoost : 1),
          true,
        );
        pending = 1;
      }
      continue;
    }
    const resolved = resolveAt(i);
    if (resolved === null) {
      pending = 1;
      continue;
    }
    const entry = resolved.entry;
    // A pattern adjective used as an adverb before another sentiment word intensifies it (ontzettend leuk).
    if (entry.fromPattern && entry.intensity > 1.05 && DERIVED_ENDINGS.some((e) => text.endsWith(e))) {
      const next = tokens[i + 1];
      if (next !== undefined && next.kind === TOKEN_WORD && resolveAt(i + 1) !== null) {
        pending *= entry.intensity;
        continue;
      }
    }
    const polarity = polarityOf(entry.key, entry.polarity);
    if (polarity === 0) {
      pending = 1;
      continue;
    }
    add(text, entry.key, polarity, pending * resolved.factor * (token.caps ? params.capsBoost : 1), true);
    pending = 1;
  }
  closeClause(0, 0);

  // Irony markers anywhere (usually last: goed bezig hoor 🙄) turn the text's praise around.
  if (irony && params.ironyFactor > 0) {
    for (const c of carriers) {
      if (c.contribution > 0 && c.multiplier > 0 && !isEmojiKey(c.key)) {
        c.multiplier *= -params.ironyFactor;
        c.contribution *= -params.ironyFactor;
      }
    }
  }
  return summarise(carriers, params);
}

function isEmojiKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0xd800 || (c >= 0x2000 && c < 0x2c00) || c === 58 || c === 59 || c === 60 || c === 94;
}

export function summarise(carriers: Carrier[], params: DutchSentimentParameters): DutchScore {
  const n = carriers.length;
  if (n === 0) return { carriers, raw: 0, score: 0, label: 'neutral', confidence: 0.5 };
  let sum = 0;
  for (const c of carriers) sum += c.contribution;
  const raw = sum / Math.pow(n, params.lengthExponent);
  // 2*sigmoid(z) - 1 == tanh(z/2): the score is P(positive) - P(negative) under the fitted model.
  const score = Math.tanh((params.scale * raw + params.bias) / 2);
  const label =
    score >= params.neutralBand ? 'positive' : score <= -params.neutralBand ? 'negative' : 'neutral';
  const p = (1 + Math.abs(score)) / 2;
  const confidence = label === 'neutral' ? 1 - Math.abs(score) / (2 * params.neutralBand) : p;
  return { carriers, raw, score, label, confidence };
}
