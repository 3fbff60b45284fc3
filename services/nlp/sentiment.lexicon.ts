// Builds the Dutch sentiment lexicon once: pattern's adjectives and our domain words, inflected, with fitted
// weights applied per base form. Everything here is built at start-up; scoring only reads these tables.
import { adjectiveForms, nounForms } from './dutch.inflection.js';
import { domainLexicon, patternLexicon } from './lexicon-data.js';
import { foldWord } from './text.tokenizer.js';

export interface LexiconEntry {
  /** Base form the weight belongs to (goede -> goed); carriers report it. */
  key: string;
  polarity: number;
  /** May end a compound (mondkapjesonzin). */
  head: boolean;
  /** May start a compound (onzinmaatregel). */
  modifierPart: boolean;
  /** Pattern's intensity when the word is used as an adverb before another adjective (ontzettend leuk). */
  intensity: number;
  fromPattern: boolean;
}

export interface Phrase {
  tokens: string[];
  key: string;
  polarity: number;
  /** The phrase itself contains a negator, so an earlier negation does not flip it again. */
  negated: boolean;
}

export interface Modifier {
  factor: number;
  standalone: number;
}

/** A character trie: compound parts are found by walking a word once, with no substrings made. */
export interface TrieNode {
  next: Map<number, TrieNode>;
  entry: LexiconEntry | null;
}

function trieNode(): TrieNode {
  return { next: new Map(), entry: null };
}

function trieInsert(root: TrieNode, word: string, entry: LexiconEntry, reversed: boolean): void {
  let node = root;
  const n = word.length;
  for (let k = 0; k < n; k++) {
    const c = word.charCodeAt(reversed ? n - 1 - k : k);
    let child = node.next.get(c);
    if (child === undefined) {
      child = trieNode();
      node.next.set(c, child);
    }
    node = child;
  }
  node.entry = entry;
}

export interface PrefixNode {
  next: Map<number, PrefixNode>;
  /** A swear prefix (polarity != 0) or an intensifying one (factor != 1) ends here. */
  prefix: { text: string; polarity: number; factor: number } | null;
}

export interface SentimentLexicon {
  words: Map<string, LexiconEntry>;
  /** First parts of compounds that swear (kut-) or intensify (super-). */
  prefixes: PrefixNode;
  /** Forms that may end a compound, stored reversed. */
  heads: TrieNode;
  /** Forms that may start a compound. */
  firstParts: TrieNode;
  phrases: Map<string, Phrase[]>;
  negators: Set<string>;
  modifiers: Map<string, Modifier>;
  clauseBreaks: Set<string>;
  negativePrefixes: [string, number][];
  irony: Set<string>;
  /** A short digest of every table and weight, so stored scores name the exact lexicon that made them. */
  digest: string;
}

function lines(table: string): string[][] {
  return table
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(/\s+/));
}
function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

/** FNV-1a over a string, as 8 hex digits: a stable digest with no dependency. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// Function words that regular inflection of some lexicon word would produce (wee -> weer, mee -> meer).
const GENERATED_COLLISIONS = new Set(
  'weer meer mee der dan toen wel eens alleen later beter nader zover verder ander anders even ter mits'.split(
    ' ',
  ),
);

export interface LexiconOptions {
  /** Fitted weight per base form; replaces the listed polarity. */
  weights?: ReadonlyMap<string, number>;
  /** Pattern words below this subjectivity are left out (objective words such as Amsterdams). */
  minSubjectivity?: number;
}

export function buildSentimentLexicon(options: LexiconOptions = {}): SentimentLexicon {
  const weights = options.weights ?? new Map<string, number>();
  const minSubjectivity = options.minSubjectivity ?? 0;
  const {
    table: DOMAIN_NL_TABLE,
    phrases: DOMAIN_NL_PHRASES,
    negators: NEGATORS,
    modifiers: MODIFIERS,
    clauseBreaks: CLAUSE_BREAKS,
    negativePrefixes: NEGATIVE_PREFIXES,
    intensifyingPrefixes: INTENSIFYING_PREFIXES,
    neutralised: NEUTRALISED,
    ironyMarkers: IRONY_MARKERS,
  } = domainLexicon();
  const { table: PATTERN_NL_TABLE } = patternLexicon();
  const wordsMap = new Map<string, LexiconEntry>();
  const neutralised = new Set(words(NEUTRALISED));
  const modifiers = new Map<string, Modifier>();
  for (const [w, f, s] of lines(MODIFIERS)) {
    // A modifier's own polarity is fitted under '~word', apart from a lexicon word of the same form (zeer = pain).
    if (w !== undefined)
      modifiers.set(w, { factor: Number(f), standalone: weights.get(`~${w}`) ?? Number(s) });
  }
  const negators = new Set(words(NEGATORS));

  const put = (form: string, entry: LexiconEntry, override: boolean): void => {
    const folded = foldWord(form);
    if (!override && wordsMap.has(folded)) return;
    // A generated form that is really a function word (wee -> weer) must not become a carrier.
    if (!override && GENERATED_COLLISIONS.has(folded)) return;
    wordsMap.set(folded, entry);
  };
  const weightOf = (key: string, listed: number): number => weights.get(key) ?? listed;

  // Pattern first; domain entries override it (they are written for this domain).
  for (const [form, pol, subj, intensity, pos] of lines(PATTERN_NL_TABLE)) {
    if (form === undefined) continue;
    const key = foldWord(form);
    if (neutralised.has(key) || negators.has(key)) continue;
    if (Number(subj) < minSubjectivity) continue;
    const entry: LexiconEntry = {
      key,
      polarity: weightOf(key, Number(pol)),
      head: key.length >= 6,
      modifierPart: false,
      intensity: Number(intensity),
      fromPattern: true,
    };
    const forms = pos === 'JJ' ? adjectiveForms(key) : pos === 'NN' ? nounForms(key) : [key];
    // The base form always wins over a generated form of another word.
    put(key, entry, true);
    for (const f of forms) if (f !== key) put(f, entry, false);
  }
  for (const [form, pol, cls, ...flags] of lines(DOMAIN_NL_TABLE)) {
    if (form === undefined) continue;
    const key = foldWord(form);
    const entry: LexiconEntry = {
      key,
      polarity: weightOf(key, Number(pol)),
      head: flags.includes('h'),
      modifierPart: flags.includes('m'),
      intensity: 1,
      fromPattern: false,
    };
    const forms = cls === 'a' ? adjectiveForms(key) : cls === 'n' ? nounForms(key) : [key];
    put(key, entry, true);
    for (const f of forms) if (f !== key) put(f, entry, true);
  }
  // A neutralised word stays neutral in all its forms, even when pattern lists an inflection separately.
  for (const w of neutralised) for (const f of adjectiveForms(w)) wordsMap.delete(f);
  for (const w of negators) wordsMap.delete(w);

  const phrases = new Map<string, Phrase[]>();
  for (const parts of lines(DOMAIN_NL_PHRASES)) {
    const polarity = Number(parts[parts.length - 1]);
    const tokens = parts.slice(0, -1).map(foldWord);
    const first = tokens[0];
    if (first === undefined) continue;
    const key = tokens.join(' ');
    const phrase: Phrase = {
      tokens,
      key,
      polarity: weightOf(key, polarity),
      negated: tokens.some((t) => negators.has(t)),
    };
    const list = phrases.get(first);
    if (list) list.push(phrase);
    else phrases.set(first, [phrase]);
  }
  // Longest phrase first, so "niet te geloven" wins over a shorter one starting with the same word.
  for (const list of phrases.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const prefixes = (table: string): [string, number][] =>
    lines(table)
      .filter((p) => p[0] !== undefined)
      .map((p) => [p[0] ?? '', Number(p[1])] as [string, number])
      .sort((a, b) => b[0].length - a[0].length);

  const digestSource = [
    PATTERN_NL_TABLE,
    DOMAIN_NL_TABLE,
    DOMAIN_NL_PHRASES,
    NEGATORS,
    MODIFIERS,
    CLAUSE_BREAKS,
    NEGATIVE_PREFIXES,
    INTENSIFYING_PREFIXES,
    NEUTRALISED,
    IRONY_MARKERS,
    String(minSubjectivity),
    [...weights.entries()].map(([k, v]) => `${k}=${v}`).join(','),
  ].join('\u0000');

  const prefixRoot: PrefixNode = { next: new Map(), prefix: null };
  const addPrefix = (text: string, polarity: number, factor: number): void => {
    let at = prefixRoot;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      let child = at.next.get(c);
      if (child === undefined) {
        child = { next: new Map(), prefix: null };
        at.next.set(c, child);
      }
      at = child;
    }
    at.prefix = { text, polarity, factor };
  };
  for (const [text, factor] of prefixes(INTENSIFYING_PREFIXES)) addPrefix(text, 0, factor);
  const swearing = prefixes(NEGATIVE_PREFIXES).map(
    ([text, polarity]) => [text, weights.get(`${text}-`) ?? polarity] as [string, number],
  );
  for (const [text, polarity] of swearing) addPrefix(text, polarity, 1);

  const heads = trieNode();
  const firstParts = trieNode();
  for (const [form, entry] of wordsMap) {
    if (entry.head) trieInsert(heads, form, entry, true);
    if (entry.modifierPart) trieInsert(firstParts, form, entry, false);
  }

  return {
    words: wordsMap,
    prefixes: prefixRoot,
    heads,
    firstParts,
    phrases,
    negators,
    modifiers,
    clauseBreaks: new Set(words(CLAUSE_BREAKS)),
    negativePrefixes: swearing,
    irony: new Set(words(IRONY_MARKERS)),
    digest: fnv1a(digestSource),
  };
}
