// What the matcher reads in a text: folded words without stop words, their Snowball stems, and character
// n-grams of the folded text.
import { foldWord, tokenize, TOKEN_WORD } from '../../nlp/text.tokenizer.js';
import { stemDutch } from './dutch-stemmer.js';
import { DUTCH_STOP_WORDS } from './dutch-stop-words.js';

/** Folded words (lower case, no diacritics), hyphens and apostrophes removed (qr-code = qrcode). */
export function faqWords(text: string): string[] {
  const words: string[] = [];
  for (const token of tokenize(text)) {
    if (token.kind !== TOKEN_WORD) continue;
    const word = foldWord(token.text).replace(/['-]/g, '');
    if (word.length > 0) words.push(word);
  }
  return words;
}

/** Content words: folded words that are not stop words. */
export function contentWords(text: string): string[] {
  return faqWords(text).filter((w) => !DUTCH_STOP_WORDS.has(w));
}

export function stems(words: readonly string[]): string[] {
  return words.map(stemDutch);
}

/** Character n-grams (n from `min` to `max`) of each word padded with spaces, as the TF-IDF baseline uses them. */
export function charNgrams(words: readonly string[], min = 3, max = 5): string[] {
  const grams: string[] = [];
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  return grams;
}
