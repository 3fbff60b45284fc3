// Splits Dutch compounds into words the index knows, by the rule the sentiment scorer uses for its lexicon
// (services/nlp/dutch.sentiment.ts, resolveWord): a known head after a first part of at least 3 letters, the
// longest head first; the first part may end in a linking -s- or -e-. That code walks the sentiment lexicon's
// tries; this one walks the matcher's own vocabulary, so "kapperszaak" finds "kapper" and "zaak".

export interface Vocabulary {
  has(word: string): boolean;
}

const MIN_PART = 3;

/** The known parts of `word` (first part, head), or [] when it is not a compound of known words. */
export function compoundParts(word: string, vocabulary: Vocabulary): string[] {
  const n = word.length;
  if (n < 2 * MIN_PART + 1) return [];
  // Longest head first: the head starts as early as possible while the first part keeps 3 letters.
  for (let start = MIN_PART; start <= n - MIN_PART; start++) {
    const head = word.slice(start);
    if (!vocabulary.has(head)) continue;
    const first = word.slice(0, start);
    const parts = [head];
    if (vocabulary.has(first)) parts.unshift(first);
    else if (
      (first.endsWith('s') || first.endsWith('e')) &&
      first.length > MIN_PART &&
      vocabulary.has(first.slice(0, -1))
    ) {
      parts.unshift(first.slice(0, -1));
    } else {
      const inner = compoundParts(first, vocabulary);
      parts.unshift(...inner);
    }
    return parts;
  }
  return [];
}
