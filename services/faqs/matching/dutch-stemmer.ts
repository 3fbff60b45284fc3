// The Snowball Dutch stemmer (the algorithm behind Postgres's `dutch` text search configuration), written from the
// published description at snowballstem.org/algorithms/dutch/stemmer.html: no maintained stemmer is installed.

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'è']);
const isVowel = (ch: string | undefined): boolean => ch !== undefined && VOWELS.has(ch);

/** R1 and R2 as the algorithm defines them: after the first non-vowel that follows a vowel (R1 at least 3). */
function regions(word: string): { r1: number; r2: number } {
  const after = (from: number): number => {
    for (let i = from + 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
    }
    return word.length;
  };
  const r1 = Math.max(3, after(0));
  const r2 = after(r1);
  return { r1: Math.min(r1, word.length), r2: Math.max(r2, Math.min(r1, word.length)) };
}

function undouble(word: string): string {
  return /(kk|dd|tt)$/.test(word) ? word.slice(0, -1) : word;
}

/** A valid en-ending: a non-vowel before it, and not the "gem" of words like "geheimen"/"gemen". */
function validEnEnding(word: string, end: number): boolean {
  const before = word[end - 1];
  if (before === undefined || isVowel(before)) return false;
  return word.slice(end - 3, end) !== 'gem';
}

/** Stems one lower-case word with diacritics already folded (accents other than è are folded by the tokenizer). */
export function stemDutch(input: string): string {
  if (input.length < 3) return input;
  // Mark the consonant uses of y and i (initial y, y after a vowel, i between vowels) as Y and I.
  let word = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const prev = word[i - 1];
    if (ch === 'y' && (i === 0 || isVowel(prev))) word += 'Y';
    else if (ch === 'i' && isVowel(prev) && isVowel(input[i + 1])) word += 'I';
    else word += ch;
  }
  let { r1, r2 } = regions(word);
  const inR1 = (suffixLength: number): boolean => word.length - suffixLength >= r1;
  const inR2 = (suffixLength: number): boolean => word.length - suffixLength >= r2;

  // Step 1: heden, en/ene, s/se.
  if (word.endsWith('heden')) {
    if (inR1(5)) word = word.slice(0, -5) + 'heid';
  } else if (word.endsWith('ene') || word.endsWith('en')) {
    const length = word.endsWith('ene') ? 3 : 2;
    if (inR1(length) && validEnEnding(word, word.length - length)) word = undouble(word.slice(0, -length));
  } else if (word.endsWith('se') || word.endsWith('s')) {
    const length = word.endsWith('se') ? 2 : 1;
    const before = word[word.length - length - 1];
    if (inR1(length) && before !== undefined && !isVowel(before) && before !== 'j')
      word = word.slice(0, -length);
  }
  ({ r1, r2 } = clampRegions(word, r1, r2));

  // Step 2: a final e after a non-vowel.
  let eRemoved = false;
  const step2 = (): void => {
    if (word.endsWith('e') && word.length - 1 >= r1 && !isVowel(word[word.length - 2])) {
      word = undouble(word.slice(0, -1));
      eRemoved = true;
    }
  };
  step2();
  ({ r1, r2 } = clampRegions(word, r1, r2));

  // Step 3a: heid, not after c; then a preceding en as in step 1.
  if (word.endsWith('heid') && inR2(4) && word[word.length - 5] !== 'c') {
    word = word.slice(0, -4);
    if (word.endsWith('en') && word.length - 2 >= r1 && validEnEnding(word, word.length - 2)) {
      word = undouble(word.slice(0, -2));
    }
  }

  // Step 3b: derivational suffixes, the longest that ends the word.
  if (word.endsWith('end') || word.endsWith('ing')) {
    if (inR2(3)) {
      word = word.slice(0, -3);
      if (word.endsWith('ig') && word.length - 2 >= r2 && word[word.length - 3] !== 'e')
        word = word.slice(0, -2);
      else word = undouble(word);
    }
  } else if (word.endsWith('ig')) {
    if (inR2(2) && word[word.length - 3] !== 'e') word = word.slice(0, -2);
  } else if (word.endsWith('lijk')) {
    if (inR2(4)) {
      word = word.slice(0, -4);
      step2();
    }
  } else if (word.endsWith('baar')) {
    if (inR2(4)) word = word.slice(0, -4);
  } else if (word.endsWith('bar')) {
    if (inR2(3) && eRemoved) word = word.slice(0, -3);
  }

  // Step 4: undouble the vowel of a final non-vowel, double vowel, non-vowel (other than I).
  const n = word.length;
  if (n >= 4) {
    const c = word[n - 4]!;
    const v1 = word[n - 3]!;
    const v2 = word[n - 2]!;
    const d = word[n - 1]!;
    if (!isVowel(c) && v1 === v2 && 'aeou'.includes(v1) && !isVowel(d) && d !== 'I') {
      word = word.slice(0, n - 2) + d;
    }
  }
  return word.replace(/Y/g, 'y').replace(/I/g, 'i');
}

function clampRegions(word: string, r1: number, r2: number): { r1: number; r2: number } {
  return { r1: Math.min(r1, word.length), r2: Math.min(r2, word.length) };
}
