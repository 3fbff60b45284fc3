// One pass over a short text that yields what the scorers need: folded lower-case words, emoji, emoticons and
// clause boundaries. Hand-written (no regex per token) because enrich() must handle >20k texts per second.

export const TOKEN_WORD = 0;
export const TOKEN_EMOJI = 1;
export const TOKEN_EMOTICON = 2;
export const TOKEN_BOUNDARY = 3;
export type TokenKind =
  typeof TOKEN_WORD | typeof TOKEN_EMOJI | typeof TOKEN_EMOTICON | typeof TOKEN_BOUNDARY;

export interface Token {
  kind: TokenKind;
  /** Words: lower case with diacritics folded (één -> een); emoji: the code point; boundaries: the mark. */
  text: string;
  /** Word written in capitals (at least 3 letters): shouting. */
  caps: boolean;
  /** Every letter of the word is a capital (NOW, ME): lets a taxonomy term require capitals. */
  upper: boolean;
  /** Word came from a #hashtag. */
  hashtag: boolean;
  /** Boundaries: number of '!' in the run; words: 0. */
  exclamations: number;
  /** Boundaries: number of '?' in the run. */
  questions: number;
}

// Folding table for Latin-1 and Latin Extended-A letters that Dutch and its loanwords use.
const FOLD = new Map<number, string>();
function addFold(chars: string, to: string): void {
  for (const ch of chars) FOLD.set(ch.codePointAt(0) ?? 0, to);
}
addFold('àáâãäåÀÁÂÃÄÅ', 'a');
addFold('èéêëÈÉÊË', 'e');
addFold('ìíîïÌÍÎÏ', 'i');
addFold('òóôõöøÒÓÔÕÖØ', 'o');
addFold('ùúûüÙÚÛÜ', 'u');
addFold('ýÿÝ', 'y');
addFold('çÇ', 'c');
addFold('ñÑ', 'n');
addFold('ß', 'ss');
addFold('ĳĲ', 'ij');

/** Lower-cases and folds diacritics, so lexicon keys and text agree (geëvalueerd -> geevalueerd). */
export function foldWord(word: string): string {
  let plain = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xc0 || (c >= 65 && c <= 90)) {
      plain = false;
      break;
    }
  }
  if (plain) return word;
  let out = '';
  for (const ch of word) {
    const cp = ch.codePointAt(0) ?? 0;
    const folded = FOLD.get(cp);
    if (folded !== undefined) out += folded;
    else if (cp >= 65 && cp <= 90) out += String.fromCharCode(cp + 32);
    else out += ch;
  }
  return out;
}

function isLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x3ff) ||
    (c >= 0x400 && c <= 0x4ff)
  );
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}

// Pictographs, dingbats and symbols: each one is its own token. Modifiers and joiners are skipped.
function isEmoji(cp: number): boolean {
  return (
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    (cp >= 0x2b00 && cp <= 0x2bff) ||
    cp === 0x2764 ||
    cp === 0x203c ||
    cp === 0x2049
  );
}
function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3;
}

// Emoticons are matched longest first at a non-letter position.
const EMOTICONS = [
  ":'-(",
  ":'(",
  ':-)',
  ':-(',
  ':-d',
  ':-p',
  ':-/',
  ';-)',
  '<3',
  ':)',
  ':(',
  ':d',
  ':p',
  ':/',
  ';)',
  ':s',
  ':@',
  ':|',
  '^^',
  '^_^',
  'xd',
  '-_-',
];
EMOTICONS.sort((a, b) => b.length - a.length);

function matchEmoticon(text: string, i: number): string | null {
  for (const e of EMOTICONS) {
    if (i + e.length > text.length) continue;
    let ok = true;
    for (let k = 0; k < e.length; k++) {
      let c = text.charCodeAt(i + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== e.charCodeAt(k)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    // A letter emoticon (xd, :d, :p, :s) must not run into a following letter (":probleem", "xdag").
    const after = text.charCodeAt(i + e.length);
    if (isLetter(after) || isDigit(after)) continue;
    return e;
  }
  return null;
}

function boundary(mark: string, exclamations: number, questions: number): Token {
  return {
    kind: TOKEN_BOUNDARY,
    text: mark,
    caps: false,
    upper: false,
    hashtag: false,
    exclamations,
    questions,
  };
}

/**
 * Splits text into tokens. URLs and @handles are dropped (they carry no sentiment and would confuse
 * language identification); hyphens and apostrophes inside words are kept (qr-code, zo'n, auto's).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      // A blank line is a clause boundary too (posts often use line breaks instead of full stops).
      if (c === 10 && tokens.length > 0 && tokens[tokens.length - 1]?.kind !== TOKEN_BOUNDARY) {
        tokens.push(boundary('\n', 0, 0));
      }
      i++;
      continue;
    }
    if (isLetter(c) || isDigit(c) || c === 35 /* # */) {
      const hashtag = c === 35;
      const start = hashtag ? i + 1 : i;
      if (hashtag && (start >= n || !(isLetter(text.charCodeAt(start)) || isDigit(text.charCodeAt(start))))) {
        i++;
        continue;
      }
      // URLs: skip to the next space.
      if (
        !hashtag &&
        (c === 104 || c === 119) &&
        (text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i))
      ) {
        while (i < n && !isSpace(text.charCodeAt(i))) i++;
        continue;
      }
      // Emoticons that start with a letter ("xD") only count as a whole token.
      if ((c === 120 || c === 88) && (text.charCodeAt(i + 1) === 68 || text.charCodeAt(i + 1) === 100)) {
        const after = text.charCodeAt(i + 2);
        if (!isLetter(after) && !isDigit(after)) {
          tokens.push({
            kind: TOKEN_EMOTICON,
            text: 'xd',
            caps: false,
            upper: false,
            hashtag: false,
            exclamations: 0,
            questions: 0,
          });
          i += 2;
          continue;
        }
      }
      let j = start;
      let letters = 0;
      let uppers = 0;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLetter(d)) {
          letters++;
          if (isUpper(d)) uppers++;
          j++;
        } else if (isDigit(d)) {
          j++;
        } else if ((d === 45 || d === 39 || d === 0x2019) && j + 1 < n) {
          // Keep joiners inside a word (qr-code, zo'n); a trailing joiner ends the word.
          const e = text.charCodeAt(j + 1);
          if (isLetter(e) || isDigit(e)) j++;
          else break;
        } else if ((d === 44 || d === 46) && j + 1 < n && isDigit(text.charCodeAt(j + 1)) && j > start) {
          // Decimal numbers like 1,5 stay one token ("1,5 meter").
          if (isDigit(text.charCodeAt(j - 1))) j++;
          else break;
        } else {
          break;
        }
      }
      if (j === start) {
        i = start + 1;
        continue;
      }
      let raw = text.slice(start, j);
      if (raw.indexOf('\u2019') >= 0) raw = raw.replace(/\u2019/g, "'");
      tokens.push({
        kind: TOKEN_WORD,
        text: foldWord(raw),
        caps: letters >= 3 && uppers === letters,
        upper: letters > 0 && uppers === letters,
        hashtag,
        exclamations: 0,
        questions: 0,
      });
      i = j;
      continue;
    }
    if (c === 64 /* @ */) {
      // Handles name people or accounts: skip them.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isLetter(d) || isDigit(d) || d === 95 || d === 46) i++;
        else break;
      }
      continue;
    }
    if (c === 33 || c === 63 || c === 46 || c === 44 || c === 59 || c === 58 || c === 0x2026) {
      // Emoticons first: ":)" starts with a colon.
      if (c === 58 || c === 59) {
        const emoticon = matchEmoticon(text, i);
        if (emoticon !== null) {
          tokens.push({
            kind: TOKEN_EMOTICON,
            text: emoticon,
            caps: false,
            upper: false,
            hashtag: false,
            exclamations: 0,
            questions: 0,
          });
          i += emoticon.length;
          continue;
        }
      }
      // A run of sentence marks is one boundary that remembers how many ! and ? it had.
      let exclamations = 0;
      let questions = 0;
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 33) exclamations++;
        else if (d === 63) questions++;
        else if (!(d === 46 || d === 44 || d === 59 || d === 58 || d === 0x2026)) break;
        j++;
      }
      const mark = exclamations > 0 ? '!' : questions > 0 ? '?' : text[i] === ',' ? ',' : '.';
      tokens.push(boundary(mark, exclamations, questions));
      i = j;
      continue;
    }
    if (c === 40 || c === 41 || c === 60 || c === 94 || c === 45) {
      const emoticon = matchEmoticon(text, i);
      if (emoticon !== null) {
        tokens.push({
          kind: TOKEN_EMOTICON,
          text: emoticon,
          caps: false,
          upper: false,
          hashtag: false,
          exclamations: 0,
          questions: 0,
        });
        i += emoticon.length;
        continue;
      }
      // Brackets and dashes separate clauses.
      if (c === 40 || c === 41 || c === 45) tokens.push(boundary(c === 45 ? '-' : '(', 0, 0));
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const cp = text.codePointAt(i) ?? 0;
      if (isEmoji(cp) && !isEmojiModifier(cp)) {
        tokens.push({
          kind: TOKEN_EMOJI,
          text: String.fromCodePoint(cp),
          caps: false,
          upper: false,
          hashtag: false,
          exclamations: 0,
          questions: 0,
        });
      }
      i += 2;
      continue;
    }
    if (c >= 0x2000) {
      if (isEmoji(c) && !isEmojiModifier(c)) {
        tokens.push({
          kind: TOKEN_EMOJI,
          text: String.fromCharCode(c),
          caps: false,
          upper: false,
          hashtag: false,
          exclamations: 0,
          questions: 0,
        });
      } else if (!isEmojiModifier(c) && (c === 0x2013 || c === 0x2014)) {
        tokens.push(boundary('-', 0, 0));
      }
      i++;
      continue;
    }
    // Quotes, slashes and other symbols: nothing to keep.
    i++;
  }
  return tokens;
}
