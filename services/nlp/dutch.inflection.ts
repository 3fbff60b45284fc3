// Regular Dutch inflection, generated from a base form at load time so lexicons can list base forms only:
// adjectives get their -e form, comparative and superlative (snel -> snelle, sneller, snelst, snelste;
// groot -> grote; lief -> lieve); nouns get -en/-s plurals. Over-generation is harmless: a made-up form
// never occurs in text; forms that collide with another real word are listed as exceptions by the caller.

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isVowel = (ch: string | undefined): boolean => ch !== undefined && VOWELS.has(ch);

// Unstressed endings keep a short vowel without doubling the consonant (aardig -> aardige, simpel -> simpele).
const UNSTRESSED_ENDINGS = ['ig', 'el', 'er', 'en', 'em', 'es'];

function voiced(stem: string): string[] {
  // After a long vowel f and s usually become v and z before -e (lief -> lieve, vies -> vieze); keep both.
  const last = stem[stem.length - 1];
  if (last === 'f') return [stem.slice(0, -1) + 'v', stem];
  if (last === 's') return [stem.slice(0, -1) + 'z', stem];
  return [stem];
}

/** The attributive -e forms of an adjective (usually one; two when f/s voicing is uncertain). */
export function adjectiveEForms(base: string): string[] {
  const n = base.length;
  if (n < 2) return [];
  const last = base[n - 1] ?? '';
  const prev = base[n - 2] ?? '';
  if (last === 'e') return [];
  if (isVowel(last)) {
    // mooi -> mooie, blij(j) handled below; prima, sexy, retro stay as they are.
    return isVowel(prev) ? [base + 'e'] : [];
  }
  if (last === 'j' && prev === 'i') return [base + 'e']; // blij -> blije
  if (last === 'w') return [base + 'e']; // nieuw -> nieuwe
  // Two consonants at the end: nothing changes (echt -> echte, vals -> valse).
  if (!isVowel(prev)) return [base + 'e'];
  const beforeVowel = base[n - 3];
  if (isVowel(beforeVowel)) {
    if (beforeVowel === prev && (prev === 'a' || prev === 'e' || prev === 'o' || prev === 'u')) {
      // Double vowel in a closed syllable: open it (groot -> grote, raar -> rare, braaf -> brave).
      const open = base.slice(0, n - 2) + last;
      return voiced(open).map((s) => s + 'e');
    }
    // Diphthongs and ie/oe/eu/ij/ui: keep (goed -> goede, lief -> lieve, wijs -> wijze).
    return voiced(base).map((s) => s + 'e');
  }
  // Single short vowel and single consonant.
  if (n > 4 && UNSTRESSED_ENDINGS.some((e) => base.endsWith(e))) return [base + 'e'];
  return [base + last + 'e'];
}

/** All regular forms of an adjective, the base included. */
export function adjectiveForms(base: string): string[] {
  const forms = new Set<string>([base]);
  const eForms = adjectiveEForms(base);
  for (const e of eForms) forms.add(e);
  const comparatives = base.endsWith('r') ? [base + 'der'] : eForms.map((e) => e + 'r');
  if (eForms.length === 0 && !base.endsWith('r'))
    comparatives.push(base.endsWith('e') ? base + 'r' : base + 'er');
  for (const c of comparatives) {
    forms.add(c);
    forms.add(c + 'e');
  }
  const superlative = base.endsWith('s') ? base + 't' : base + 'st';
  forms.add(superlative);
  forms.add(superlative + 'e');
  return [...forms];
}

/** Base form plus the plural(s) of a noun (onzin has none in practice; the extra form never matches). */
export function nounForms(base: string): string[] {
  const forms = new Set<string>([base]);
  const n = base.length;
  const last = base[n - 1] ?? '';
  if (last === 'e' || base.endsWith('el') || base.endsWith('er') || base.endsWith('je') || isVowel(last)) {
    forms.add(base + 's');
  } else {
    forms.add(base + 'en');
    forms.add(base + 's');
    // Short vowel before a final consonant doubles it (ramp -> rampen is fine; flop -> floppen).
    if (isVowel(base[n - 2]) && !isVowel(base[n - 3])) forms.add(base + last + 'en');
  }
  return [...forms];
}
