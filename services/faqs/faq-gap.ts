// The gaps in the FAQs as the gaps service reads them: a question's or an online post's FAQ decision, a period's gap
// counts per topic, its online gap posts and the measures of the period. Defined here, in the domain; the FAQ gaps
// and mention FAQ matches repositories store and read them.
export interface FaqDecisionRow {
  questionId: string;
  decision: 'match' | 'none';
  faqId: string | null;
  score: number;
}

/** A period's questions without an FAQ for one topic (or `all`), against one set of published FAQs. */
export interface TopicGapCounts {
  topic: string;
  /** Decided `none` (no published FAQ answers it) and not answered with an FAQ. */
  noFaqFound: number;
  /** Decided `match` but answered without an FAQ (`answered_at` set, `answered_faq_id` null). */
  answeredWithoutFaq: number;
  /** Questions with text and no decision against this set yet: counted apart, never guessed. */
  undecided: number;
}

export interface PeriodMeasure {
  id: string;
  title: string;
  topics: string[];
  effectiveFrom: string;
}

export interface PostDecisionRow {
  mentionId: string;
  postedAt: Date;
  decision: 'match' | 'none';
  faqId: string | null;
  score: number;
  textExpiresAt: Date;
}

export interface OnlineGapRow {
  id: string;
  postedAt: Date;
  sourceKind: string;
  url: string | null;
  /** The public name of an institution, else the keyed pseudonym. */
  author: string | null;
  authorKind: string;
  title: string | null;
  text: string;
  topics: string[];
}

/** The online questions of one topic (or `all`) in a range, for the environment analysis: counts only. */
export interface TopicPostQuestionCounts {
  topic: string;
  /** Posts that ask (`asks_question`). */
  questions: number;
  /** Of those, decided `none` against the current set: no published FAQ answers them. */
  noFaqFound: number;
  /** Posts with text not read by the decider yet, and asking posts decided against another set that keep their text. */
  undecided: number;
  /** Asking posts decided against another set whose text has expired (by its stored expiry): never decided again. */
  olderDecision: number;
}
