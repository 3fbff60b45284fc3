// Finds a text's topics by walking each word through a character trie of all terms, so a term is found inside
// Dutch compounds (mondkapjesplicht, avondklokrellen) where its '*' allows, without making substrings.
import { parseTerm, type ParsedTerm, type Taxonomy } from './taxonomy.js';
import { TOKEN_WORD, type Token } from './text.tokenizer.js';

interface TermHit {
  topic: number;
  /** May start later in the word (its term had a leading '*'). */
  leading: boolean;
  /** May end before the word ends (trailing '*'). */
  trailing: boolean;
  capsOnly: boolean;
}

interface Node {
  next: Map<number, Node>;
  hits: TermHit[] | null;
}

interface PhraseTerm {
  topic: number;
  words: string[];
  trailing: boolean;
  capsOnly: boolean;
}

interface Exclusion {
  word: string;
  leading: boolean;
  trailing: boolean;
}

function node(): Node {
  return { next: new Map(), hits: null };
}

function excluded(word: string, rules: readonly Exclusion[]): boolean {
  for (const rule of rules) {
    if (rule.leading && rule.trailing ? word.includes(rule.word) : false) return true;
    if (rule.leading && !rule.trailing && word.endsWith(rule.word)) return true;
    if (!rule.leading && rule.trailing && word.startsWith(rule.word)) return true;
    if (!rule.leading && !rule.trailing && word === rule.word) return true;
  }
  return false;
}

/** Text words are compared without hyphens and apostrophes (qr-code = qrcode, boa's = boas). */
export function topicWord(text: string): string {
  if (text.indexOf('-') < 0 && text.indexOf("'") < 0) return text;
  return text.replace(/['-]/g, '');
}

export interface TopicMatcher {
  /** Topic ids found in the tokens, in taxonomy order. */
  match(tokens: readonly Token[], also?: readonly Token[]): string[];
}

export function createTopicMatcher(taxonomy: Taxonomy): TopicMatcher {
  const ids = taxonomy.topics.map((t) => t.id);
  const root = node();
  // Terms that may start inside a word, walked from every later position.
  const innerRoot = node();
  const phrases = new Map<string, PhraseTerm[]>();
  const exclusions: Exclusion[][] = taxonomy.topics.map(() => []);

  const insert = (start: Node, word: string, hit: TermHit): void => {
    let at = start;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      let child = at.next.get(c);
      if (child === undefined) {
        child = node();
        at.next.set(c, child);
      }
      at = child;
    }
    (at.hits ??= []).push(hit);
  };

  taxonomy.topics.forEach((topic, index) => {
    for (const raw of topic.terms) {
      const term = parseTerm(raw) as ParsedTerm;
      const first = term.words[0] ?? '';
      if (term.words.length > 1) {
        const list = phrases.get(first) ?? [];
        list.push({ topic: index, words: term.words, trailing: term.trailing, capsOnly: term.capsOnly });
        phrases.set(first, list);
        continue;
      }
      const hit: TermHit = {
        topic: index,
        leading: term.leading,
        trailing: term.trailing,
        capsOnly: term.capsOnly,
      };
      insert(root, first, hit);
      if (term.leading) insert(innerRoot, first, hit);
    }
    for (const raw of topic.exclude) {
      const term = parseTerm(raw) as ParsedTerm;
      exclusions[index]?.push({ word: term.words.join(''), leading: term.leading, trailing: term.trailing });
    }
  });

  const innerFirst = new Uint8Array(128);
  for (const c of innerRoot.next.keys()) if (c < 128) innerFirst[c] = 1;

  // One flag per topic, reused between calls: enrich() is synchronous, so no call can interleave.
  const found = new Uint8Array(ids.length);

  const mark = (topic: number, word: string): void => {
    const rules = exclusions[topic];
    if (rules !== undefined && rules.length > 0 && excluded(word, rules)) return;
    found[topic] = 1;
  };

  const walk = (start: Node, word: string, from: number, upper: boolean): void => {
    const n = word.length;
    let at = start;
    for (let k = from; k < n; k++) {
      const child = at.next.get(word.charCodeAt(k));
      if (child === undefined) return;
      at = child;
      if (at.hits === null) continue;
      const atEnd = k === n - 1;
      for (const hit of at.hits) {
        if (hit.capsOnly && !upper) continue;
        if (from > 0 && !hit.leading) continue;
        if (!atEnd && !hit.trailing) continue;
        mark(hit.topic, word);
      }
    }
  };

  const scan = (tokens: readonly Token[]): void => {
    const count = tokens.length;
    for (let i = 0; i < count; i++) {
      const token = tokens[i];
      if (token === undefined || token.kind !== TOKEN_WORD) continue;
      const word = topicWord(token.text);
      walk(root, word, 0, token.upper);
      for (let s = 1; s < word.length - 3; s++) {
        // Most positions start no term: a table lookup skips them without touching the trie.
        const c = word.charCodeAt(s);
        if (c < 128 && innerFirst[c] === 0) continue;
        walk(innerRoot, word, s, token.upper);
      }
      const candidates = phrases.get(word);
      if (candidates === undefined) continue;
      for (const phrase of candidates) {
        if (phrase.capsOnly && !token.upper) continue;
        let ok = true;
        const last = phrase.words.length - 1;
        for (let k = 1; k <= last; k++) {
          const t = tokens[i + k];
          if (t === undefined || t.kind !== TOKEN_WORD) {
            ok = false;
            break;
          }
          const w = topicWord(t.text);
          const expected = phrase.words[k] ?? '';
          if (!(w === expected || (k === last && phrase.trailing && w.startsWith(expected)))) {
            ok = false;
            break;
          }
        }
        if (ok) mark(phrase.topic, word);
      }
    }
  };

  return {
    match(tokens, also) {
      found.fill(0);
      scan(tokens);
      if (also !== undefined) scan(also);
      const result: string[] = [];
      for (let k = 0; k < ids.length; k++) if (found[k] === 1) result.push(ids[k] ?? '');
      return result;
    },
  };
}
