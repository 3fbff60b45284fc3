// Whether an online post asks a question, so the FAQ matching (and the gaps) also read what residents ask online:
// a question mark outside links, or a Dutch question form ("weet iemand", "mag je", "hoe zit het met", a
// sentence that opens with a question word or with a verb before its subject).

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const HANDLE = /(?:^|\s)@[\w.]+/g;

// Fixed phrases that ask, anywhere in a sentence.
const PHRASES = [
  'weet iemand',
  'weet er iemand',
  'wie weet',
  'kan iemand',
  'kan iemand mij',
  'iemand een idee',
  'iemand ervaring',
  'hoe zit het met',
  'hoe zit dat',
  'hoe werkt dat',
  'klopt het dat',
  'is het waar dat',
  'vraagje',
  'ik vraag me af',
  'vraag me af',
  'mag je',
  'moet je nog',
  'kun je nog',
  'kan je nog',
];

const QUESTION_WORDS = new Set([
  'wie',
  'waar',
  'wanneer',
  'waarom',
  'welke',
  'welk',
  'hoeveel',
  'hoelang',
  'waarheen',
]);
// "hoe" and "wat" also open exclamations ("wat een onzin", "hoe mooi"), so only these next words make a question.
const AFTER_HOE = new Set([
  'moet',
  'moeten',
  'kan',
  'kun',
  'kunnen',
  'zit',
  'werkt',
  'lang',
  'laat',
  'krijg',
  'kom',
  'regel',
  'doe',
  'doen',
  'weet',
  'vraag',
  'gaat',
  'gaan',
  'vaak',
  'ver',
  'duur',
]);
const AFTER_WAT = new Set([
  'moet',
  'moeten',
  'kan',
  'kun',
  'kunnen',
  'is',
  'zijn',
  'gebeurt',
  'doe',
  'doen',
  'mag',
  'mogen',
  'houdt',
  'betekent',
  'kost',
  'kosten',
  'zijn',
  'vinden',
  'vind',
  'denken',
  'gaat',
  'wordt',
]);
// A verb before its subject opens a yes/no question ("mag ik nog naar de kapper", "gaat de markt door").
const VERBS = new Set([
  'mag',
  'mogen',
  'moet',
  'moeten',
  'kan',
  'kun',
  'kunnen',
  'gaat',
  'gaan',
  'is',
  'zijn',
  'wordt',
  'worden',
  'heeft',
  'hebben',
  'krijg',
  'krijgen',
  'geldt',
  'gelden',
  'blijft',
  'blijven',
  'komt',
  'komen',
  'zou',
  'zouden',
  'weten',
  'doet',
  'doen',
  'heb',
  'ben',
]);
const SUBJECTS = new Set([
  'ik',
  'je',
  'jij',
  'jullie',
  'we',
  'wij',
  'u',
  'ze',
  'zij',
  'men',
  'de',
  'het',
  'er',
  'een',
  'mijn',
  'onze',
  'ons',
  'die',
  'dat',
  'deze',
  'iemand',
  'iedereen',
]);

function sentences(text: string): string[][] {
  return text
    .toLowerCase()
    .split(/[.!\n;:]+/)
    .map((s) =>
      s
        .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
        .split(/\s+/)
        .filter((w) => w !== ''),
    )
    .filter((words) => words.length > 0);
}

/** True when the post asks something. Pure; `text` is the post as written. */
export function isQuestionPost(text: string): boolean {
  const plain = text.replace(URL, ' ').replace(HANDLE, ' ');
  if (plain.includes('?')) return true;
  for (const words of sentences(plain)) {
    const joined = ` ${words.join(' ')} `;
    if (PHRASES.some((phrase) => joined.includes(` ${phrase} `))) return true;
    const [first, second] = words;
    if (first === undefined) continue;
    if (QUESTION_WORDS.has(first) && words.length >= 3) return true;
    if (first === 'hoe' && second !== undefined && AFTER_HOE.has(second)) return true;
    if (first === 'wat' && second !== undefined && AFTER_WAT.has(second)) return true;
    if (VERBS.has(first) && second !== undefined && SUBJECTS.has(second) && words.length >= 3) return true;
  }
  return false;
}

/** What of a stored post tells whether a resident asks something there. */
export interface PostForQuestions {
  language: string;
  authorKind: string;
  title: string | null;
  text: string | null;
}

/**
 * Whether an online post is a resident's question for the FAQ matching: Dutch (the FAQs and the question forms
 * are), written by a person (an institution's or a newspaper's "Mag de kapper weer open?" is a headline, not a
 * resident asking), and asking in its title or text.
 */
export function asksResidentQuestion(post: PostForQuestions): boolean {
  if (post.language !== 'nl') return false;
  if (post.authorKind !== 'person' && post.authorKind !== 'unknown') return false;
  return isQuestionPost(postText(post));
}

/** The title and text of a post as one text, the way the matcher reads it. */
export function postText(post: { title: string | null; text: string | null }): string {
  return [post.title, post.text].filter((part) => part !== null && part.trim() !== '').join('\n');
}
