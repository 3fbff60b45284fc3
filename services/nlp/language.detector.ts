// Dutch / English / undetermined for short posts. Function words are the strongest evidence in a short text;
// spelling patterns (ij, sch, oe vs th, wh, -ing) decide when there are few of them. Too little evidence is 'und'.
import { TOKEN_WORD, type Token } from './text.tokenizer.js';

export type DetectedLanguage = 'nl' | 'en' | 'und';

// Words that are (nearly) only Dutch or only English. Shared words (in, is, was, we, me, die, had) are left out.
const DUTCH_WORDS = `de het een en van ik je jij niet dat op te zijn met voor maar er ook wat nog als bij om aan dan
wel geen naar door uit heb hebben hebt wordt worden kan kunnen moet moeten mag mogen zo nu hoe waarom omdat deze dit ze
wij hij zij hun ons onze mijn jullie gewoon echt toch weer want tot meer veel alleen nooit iets niets iedereen heel erg
zeer hier daar waar wie wanneer zonder tegen na onder sinds elke alle eens hoor nou zou zal gaat gaan doen doet krijgen
laten mensen ben bent zijn wil willen weet weten zeggen zegt gaan ga komt komen kom vind vindt denk denken kunt uw jou
jouw zich zelf al eerst even steeds nodig goed slecht dag jaar zoals over vanaf bijna niemand nergens wordt werd waren
geweest gedaan gezegd graag dus hè ja nee jawel tijd gemeente regering kabinet moeten wij welke waarvan daarom hierdoor
`;
const ENGLISH_WORDS = `the a an and of to it that this for with on not be are were have has i you he she they my your
our their but or so what why how when who will would can could should just do does did don't no yes all more very about
from at by as if there here been being get got people like him them than then only also still because really too out
up its it's i'm you're we're they're can't won't isn't doesn't didn't which these those while where much many some any
every new good bad time day year today now think know want need going go make made said says say way well even back
after before into us government again right wrong never always`;

function wordSet(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}
const DUTCH = wordSet(DUTCH_WORDS);
const ENGLISH = wordSet(ENGLISH_WORDS);
// Listed in both by accident of usage (good, now, lockdown): they count for neither.
for (const w of [...DUTCH]) {
  if (ENGLISH.has(w)) {
    DUTCH.delete(w);
    ENGLISH.delete(w);
  }
}

// Letter patterns, each with the weight of one occurrence in a word that is not a function word.
function spellingEvidence(word: string): number {
  // Positive means Dutch, negative English.
  let score = 0;
  const n = word.length;
  if (n < 3) return 0;
  for (let i = 0; i < n - 1; i++) {
    const a = word.charCodeAt(i);
    const b = word.charCodeAt(i + 1);
    if (a === 105 && b === 106)
      score += 0.6; // ij
    else if (a === 111 && b === 101)
      score += 0.3; // oe
    else if (a === 117 && b === 105)
      score += 0.3; // ui
    else if (a === 97 && b === 97)
      score += 0.4; // aa
    else if (a === 117 && b === 117)
      score += 0.4; // uu
    else if (a === 116 && b === 104)
      score -= 0.5; // th
    else if (a === 119 && b === 104)
      score -= 0.5; // wh
    else if (a === 101 && b === 97)
      score -= 0.3; // ea
    else if (a === 97 && b === 121)
      score -= 0.3; // ay
    else if (a === 111 && b === 117)
      score -= 0.2; // ou
    else if (a === 115 && b === 99 && word.charCodeAt(i + 2) === 104) score += 0.4; // sch
  }
  // -ing is English, but Dutch has many -ing nouns (regering, sluiting): weak evidence only.
  if (word.endsWith('ing')) score -= 0.1;
  if (word.endsWith('je') || word.endsWith('jes')) score += 0.4;
  if (word.endsWith('gd')) score += 0.3;
  if (word.endsWith('tion')) score -= 0.5;
  if (word.endsWith('ly') || word.endsWith('ful') || word.endsWith('ness')) score -= 0.4;
  if (word.endsWith('lijk') || word.endsWith('heid') || word.endsWith('tje') || word.endsWith('tjes'))
    score += 0.5;
  if (word.endsWith('cht')) score += 0.3;
  if (word.endsWith('en') && n > 4) score += 0.15;
  if (word.charCodeAt(n - 1) === 121 /* y */) score -= 0.2;
  // One word cannot outweigh a function word.
  return score > 0.8 ? 0.8 : score < -0.8 ? -0.8 : score;
}

export interface LanguageEvidence {
  language: DetectedLanguage;
  dutch: number;
  english: number;
}

/** Below this much evidence for the winning language a text is 'und'. */
const MIN_EVIDENCE = 1.2;
/** The winner must lead by at least this share of all evidence. */
const MIN_MARGIN = 0.25;

export function detectLanguageFromTokens(tokens: readonly Token[]): LanguageEvidence {
  let dutch = 0;
  let english = 0;
  for (const token of tokens) {
    if (token.kind !== TOKEN_WORD) continue;
    const w = token.text;
    // Once one language clearly leads, the rest of a long text will not turn it around.
    if (dutch + english >= 6 && (dutch > 4 * english || english > 4 * dutch)) break;
    if (DUTCH.has(w)) dutch += 1;
    else if (ENGLISH.has(w)) english += 1;
    else if (!token.hashtag) {
      const s = spellingEvidence(w);
      if (s > 0) dutch += s;
      else english -= s;
    }
  }
  const total = dutch + english;
  const top = dutch > english ? dutch : english;
  let language: DetectedLanguage = 'und';
  if (top >= MIN_EVIDENCE && Math.abs(dutch - english) >= MIN_MARGIN * total) {
    language = dutch > english ? 'nl' : 'en';
  }
  return { language, dutch, english };
}

const STATED: Record<string, DetectedLanguage> = { nl: 'nl', nld: 'nl', dut: 'nl', en: 'en', eng: 'en' };

/**
 * Maps a language stated by the source (ISO 639-1/2 code, optionally with a region: nl-BE, en_GB) to ours.
 * Returns null when nothing usable is stated; 'und' for a stated language we do not score (de, fr).
 */
export function normaliseStatedLanguage(stated: string | null | undefined): DetectedLanguage | null {
  if (stated === null || stated === undefined) return null;
  const code = stated.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(code)) return null;
  if (code === 'und' || code === 'zxx' || code === 'mul') return null;
  return STATED[code] ?? 'und';
}
