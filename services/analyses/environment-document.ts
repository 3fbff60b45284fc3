// The shape of the environment analysis document, as GET /api/v1/analyses/environment returns it (its TypeBox
// schema is services/api/routes/analyses/analyses.schema.ts; the type provider holds the two together).
import type { ProportionTestName, ShareInterval } from './statistics.js';

export interface RatioInterval {
  ratio: number | null;
  low: number | null;
  high: number | null;
}

export interface SentimentBlock {
  volume: number;
  negative: ShareInterval;
  positive: ShareInterval;
}

export interface ShareTest {
  test: ProportionTestName;
  statistic: number | null;
  p_value: number;
  p_adjusted: number;
  significant: boolean;
}

export interface TopicSentiment extends SentimentBlock {
  topic: string;
  label: string;
  comparison: SentimentBlock;
  volume_change: RatioInterval;
  /** null when a period has no mentions of the topic: nothing to test. */
  negative_share_test: ShareTest | null;
}

export interface MeasureEntry {
  id: string;
  title: string;
  level: string;
  direction: string;
  effective_from: string;
  effective_until: string | null;
  topics: string[];
  url: string | null;
  /** What happened to it in the period: it took effect, it ended, or a new version was recorded. */
  changes: ('starts' | 'ends' | 'amended')[];
  effect: {
    at: string;
    complete: boolean;
    window_hours: { before: number; after: number };
    volume: RatioInterval & { basis: string };
    sentiment: { shift: number | null; low: number | null; high: number | null; basis: string };
    questions: (RatioInterval & { basis: string }) | null;
  };
}

export interface ExampleTopic {
  topic: string;
  label: string;
  posts: { source: string; author: string | null; author_kind: string; text: string }[];
}

/** Counts of questions without an FAQ in one period (one topic, or all). */
export interface WithoutFaqCounts {
  /** no_faq_found + answered_without_faq: the gaps `GET /api/v1/faqs/gaps` clusters for the same period. */
  questions: number;
  /** Decided `none` (no published FAQ answers it) and not answered with an FAQ. */
  no_faq_found: number;
  /** An FAQ was proposed, but the question was answered without one. */
  answered_without_faq: number;
}

export interface WithoutFaqBlock extends WithoutFaqCounts {
  note: string;
  /** The published FAQs every decision counted here was made against (an md5 of their ids and contents). */
  faq_set: string;
  comparison: WithoutFaqCounts;
  change: RatioInterval;
  /** Questions with text not yet decided against `faq_set` (the `faqs.decide` job runs every minute). */
  undecided: number;
  comparison_undecided: number;
  per_topic: (WithoutFaqCounts & {
    topic: string;
    label: string;
    comparison: WithoutFaqCounts;
    change: RatioInterval;
  })[];
}

/** Online posts that ask a question, in the period and the comparison period (one topic, or all). */
export interface OnlineQuestionCounts {
  /** Posts that ask (`mentions.asks_question`, marked by the `faqs.decide` job). */
  questions: number;
  comparison_questions: number;
  change: RatioInterval;
  /** Asking posts whose stored decision against `faq_set` is `none`: no published FAQ answers them. */
  without_faq: number;
  comparison_without_faq: number;
  without_faq_change: RatioInterval;
  /** Posts with text the decider has not read yet, and asking posts decided against another set that keep their text. */
  undecided: number;
  comparison_undecided: number;
  /** Asking posts decided against another set whose text has expired (never decided again): in neither above. */
  older_decision: number;
  comparison_older_decision: number;
}

export interface OnlineQuestionsBlock extends OnlineQuestionCounts {
  question_source: 'posts';
  note: string;
  /** The published FAQs `without_faq` was decided against: the same set as `without_faq` of the KCC part. */
  faq_set: string;
  per_topic: (OnlineQuestionCounts & { topic: string; label: string })[];
}

export interface EnvironmentDocument {
  period: { from: string; to: string; days: number };
  comparison: { kind: 'previous' | 'custom'; from: string; to: string; days: number };
  filters: { topic: string; source: string };
  has_data: boolean;
  /** Plain statements about what the document cannot show (no data, a filter that does not apply). */
  notes: string[];
  methods: { shares: string; share_change: string; correction: string; rate_change: string };
  informatiebehoefte: {
    question_source: 'kcc_register';
    note: string;
    questions: number;
    comparison_questions: number;
    change: RatioInterval;
    per_topic: {
      topic: string;
      label: string;
      questions: number;
      comparison_questions: number;
      change: RatioInterval;
    }[];
    without_faq: WithoutFaqBlock;
    /** What residents asked in posts, beside the KCC register above. */
    online: OnlineQuestionsBlock;
  };
  handelingsperspectief: { effect_method: string; in_force: MeasureEntry[]; changed_in_period: string[] };
  betekenisgeving: SentimentBlock & {
    comparison: SentimentBlock;
    volume_change: RatioInterval;
    per_topic: TopicSentiment[];
    per_source: (SentimentBlock & { source: string; comparison: SentimentBlock })[];
    significant_changes: {
      topic: string;
      label: string;
      metric: 'negative_share';
      share: number;
      comparison_share: number;
      difference: number;
      test: ProportionTestName;
      p_value: number;
      p_adjusted: number;
    }[];
    emerging_terms: {
      baseline: string;
      terms: { term: string; count: number; baseline_count: number; ratio: number; g2: number }[];
    };
    examples: { shown: boolean; reason: string | null; topics: ExampleTopic[] };
  };
  signalen: {
    alerts: {
      id: string;
      kind: string;
      state: string;
      title: string;
      series: string;
      opened_at: string;
      resolved_at: string | null;
      acknowledged: boolean;
      score: number | null;
      observed: number | null;
      expected: number | null;
    }[];
  };
  dekking: {
    days_without_data: string[];
    per_source: { source: string; items: number; comparison_items: number; days_without_data: string[] }[];
    failed_sources: {
      source: string;
      opened_at: string;
      resolved_at: string | null;
      problem: string | null;
    }[];
    sources_with_errors: { id: string; kind: string; last_error_at: string; last_error: string | null }[];
    sentiment_model: {
      in_use: string;
      lexicon: string;
      active_version: string | null;
      measured_accuracy: Record<string, unknown> | null;
      note: string;
      analyst_corrections: number;
    };
  };
}
