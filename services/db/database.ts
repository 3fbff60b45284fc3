// Table types for Kysely: one interface per table, generated columns as Generated<>, nullable as T | null.
import type { ColumnType, Generated } from 'kysely';
// The database speaks the domains' words; the domains never import this file for their vocabulary.
import type { AlertKind, AlertState } from '../alerts/alert-kind.js';
import type { DeliveryState } from '../alerts/delivery-state.js';
import type { Role } from '../auth/role.js';
import type { MeasureDirection, MeasureLevel, MeasureOrigin } from '../measures/measure-vocabulary.js';
import type { SentimentLabel } from '../nlp/sentiment-label.js';
import type { AuthorKind } from '../privacy/author-kind.js';
import type { SourceState } from '../sources/source-state.js';
import type { AnsweredHow, QuestionChannel, QuestionStatus } from '../questions/question.js';
import type { UserRole } from '../users/user.js';
import type { FaqAudience, FaqStatus, FaqVersionOrigin } from '../faqs/faq.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SourcesTable {
  id: string;
  kind: string;
  enabled: Generated<boolean>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  cursor: Json<unknown> | null;
  state: Generated<SourceState>;
  last_success_at: Timestamp | null;
  last_error_at: Timestamp | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  items_stored: ColumnType<string, number | undefined, number | string>;
  newest_item_at: Timestamp | null;
  next_poll_at: Timestamp | null;
  /** The poll lease: which worker holds the source, until when. */
  lease_owner: string | null;
  lease_until: Timestamp | null;
  backoff_until: Timestamp | null;
  last_poll_at: Timestamp | null;
  last_error_kind: string | null;
  /** The oldest moment the source's data covers (after a backfill). */
  coverage_from: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MentionKeysTable {
  source_id: string;
  external_hash: Buffer;
  mention_id: Generated<string>;
  posted_at: Timestamp;
}

export interface MentionsTable {
  id: Int8;
  source_id: string;
  source_kind: string;
  external_id: string;
  url: string | null;
  platform: string | null;
  author_pseudonym: string | null;
  author_name: string | null;
  author_kind: AuthorKind;
  posted_at: Timestamp;
  ingested_at: Generated<Date>;
  language: string;
  title: string | null;
  text: string | null;
  text_expires_at: Timestamp;
  reach: Int8 | null;
  engagement: Int8 | null;
  sentiment_score: number;
  sentiment_label: SentimentLabel;
  sentiment_confidence: number;
  sentiment_model: string;
  tool_sentiment: SentimentLabel | null;
  topics: string[];
  topics_model: string;
  country: string | null;
  import_id: Int8 | null;
  search: ColumnType<string | null, never, never>;
  /** Whether the post asks a question (FAQ matching of online posts); null until the FAQ decider has read it. */
  asks_question: boolean | null;
}

export interface Rollups5mTable {
  source_kind: string;
  topic: string;
  bucket: Timestamp;
  n: number;
  n_pos: number;
  n_neu: number;
  n_neg: number;
  score_sum: Int8;
  reach_sum: Int8;
  engagement_sum: Int8;
}

export interface ImportsTable {
  id: Generated<string>;
  file_name: string;
  file_sha256: string;
  file_bytes: Int8;
  preset: string;
  source_id: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'interrupted'>;
  started_at: Generated<Date>;
  heartbeat_at: Generated<Date>;
  finished_at: Timestamp | null;
  rows_read: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  rejected_count: Generated<number>;
  rejected: ColumnType<{ row: number; reason: string }[], string | undefined, string>;
  error: string | null;
  origin: Generated<'cli' | 'upload' | 'folder'>;
  requested_by: string | null;
  stored_path: string | null;
  folder_source_id: string | null;
  queued_at: Timestamp | null;
  attempts: Generated<number>;
  bytes_read: ColumnType<string, number | undefined, number | string>;
  repeated_rows: ColumnType<
    { row: number; duplicateOf: number; reason: string }[],
    string | undefined,
    string
  >;
  past_retention: Generated<number>;
  file_expires_at: Timestamp | null;
  interruptions: Generated<number>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  role: Role;
  key_hash: string;
  key_prefix: string;
  push_source_id: string | null;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  api_key_id: Int8 | null;
  action: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface Database {
  sources: SourcesTable;
  mention_keys: MentionKeysTable;
  mentions: MentionsTable;
  rollups_5m: Rollups5mTable;
  rollups_1h: Rollups5mTable;
  imports: ImportsTable;
  api_keys: ApiKeysTable;
  access_log: AccessLogTable;
  detector_states: DetectorStatesTable;
  anomaly_scores: AnomalyScoresTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  deliveries: DeliveriesTable;
  measures: MeasuresTable;
  measure_versions: MeasureVersionsTable;
  sentiment_models: SentimentModelsTable;
  sentiment_corrections: SentimentCorrectionsTable;
  scheduled_jobs: ScheduledJobsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  sign_in_failures: SignInFailuresTable;
  questions: QuestionsTable;
  question_events: QuestionEventsTable;
  question_contacts: QuestionContactsTable;
  question_rollups_5m: QuestionRollupsTable;
  question_rollups_1h: QuestionRollupsTable;
  question_notices: QuestionNoticesTable;
  faqs: FaqsTable;
  faq_versions: FaqVersionsTable;
  faq_measures: FaqMeasuresTable;
  faq_notices: FaqNoticesTable;
  report_documents: ReportDocumentsTable;
  report_deliveries: ReportDeliveriesTable;
  report_render_failures: ReportRenderFailuresTable;
  question_faq_matches: QuestionFaqMatchesTable;
  mention_faq_matches: MentionFaqMatchesTable;
  faq_gap_concepts: FaqGapConceptsTable;
  faq_gap_online_concepts: FaqGapOnlineConceptsTable;
}

export interface FaqsTable {
  id: Generated<string>;
  external_id: string | null;
  version: Generated<number>;
  question: string;
  answer: string;
  url: string | null;
  topics: Generated<string[]>;
  audience: Generated<FaqAudience[]>;
  status: Generated<FaqStatus>;
  /** Calendar dates (YYYY-MM-DD). */
  valid_from: string | null;
  valid_until: string | null;
  owner_user_id: Int8 | null;
  owner_team: string | null;
  last_checked_at: Timestamp | null;
  stale: Generated<boolean>;
  stale_reason: string | null;
  stale_at: Timestamp | null;
  stale_measure_id: string | null;
  content_hash: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FaqVersionsTable {
  faq_id: Int8;
  version: number;
  data: ColumnType<unknown, string, string>;
  changed: Generated<string[]>;
  actor: string;
  origin: FaqVersionOrigin;
  recorded_at: Generated<Date>;
}

export interface FaqMeasuresTable {
  faq_id: Int8;
  measure_id: string;
  created_at: Generated<Date>;
}

export interface FaqNoticesTable {
  id: Generated<string>;
  faq_id: Int8;
  measure_id: string;
  measure_version: number;
  channel_id: string;
  message: ColumnType<unknown, string, string>;
  state: Generated<'pending' | 'sending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  not_before: Timestamp;
  lease_until: Timestamp | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** A scheduled report rendered once per (kind, period): the weekly PDF or the daily digest, and its message. */
export interface ReportDocumentsTable {
  id: Generated<string>;
  kind: 'weekly' | 'daily_digest' | 'faq_gaps';
  period_key: string;
  period_from: Timestamp;
  period_to: Timestamp;
  label: string;
  pdf: Buffer | null;
  filename: string | null;
  summary: Json<string[]>;
  message: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

/** The outbox of report sends: one row per (kind, period, channel), claimed with a lease (next_attempt_at). */
export interface ReportDeliveriesTable {
  id: Generated<string>;
  document_id: Int8;
  kind: 'weekly' | 'daily_digest' | 'faq_gaps';
  period_key: string;
  channel_id: string;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** A scheduled report whose render failed: attempts so far and when to try again (gone once it is stored). */
export interface ReportRenderFailuresTable {
  kind: 'weekly' | 'daily_digest';
  period_key: string;
  attempts: number;
  last_error: string;
  failed_at: Timestamp;
  next_attempt_at: Timestamp;
}

/** A question's decision against one set of published FAQs (`faq_set`: a hash of their ids and contents). */
export interface QuestionFaqMatchesTable {
  question_id: Int8;
  decision: 'match' | 'none';
  faq_id: Int8 | null;
  score: number;
  faq_set: string;
  decided_at: Generated<Date>;
}

/** An online post that asks a question, decided against one set of published FAQs (like a KCC question). */
export interface MentionFaqMatchesTable {
  mention_id: Int8;
  posted_at: Timestamp;
  decision: 'match' | 'none';
  faq_id: Int8 | null;
  score: number;
  faq_set: string;
  text_expires_at: Timestamp;
  decided_at: Generated<Date>;
}

/** A gap cluster made into a concept FAQ, by the question that started the cluster. */
export interface FaqGapConceptsTable {
  question_id: Int8;
  faq_id: Int8;
  created_by: string;
  created_at: Generated<Date>;
}

/** An online gap cluster made into a concept FAQ, by the post that started the cluster. */
export interface FaqGapOnlineConceptsTable {
  mention_id: Int8;
  posted_at: Timestamp;
  faq_id: Int8;
  created_by: string;
  created_at: Generated<Date>;
}

export interface ScheduledJobsTable {
  schedule_id: string;
  every_ms: number;
  scheduled_at: Generated<Date>;
  last_run_at: Timestamp | null;
}

export interface UsersTable {
  id: Generated<string>;
  name: string;
  role: UserRole;
  team_id: string | null;
  password_hash: string;
  must_change_password: boolean;
  created_at: Generated<Date>;
  password_changed_at: Generated<Date>;
  disabled_at: Timestamp | null;
}

export interface UserSessionsTable {
  id_hash: string;
  user_id: Int8;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  user_name: string;
  client_address: string;
  failed_at: Timestamp;
}

export interface QuestionsTable {
  id: Generated<string>;
  source: string;
  external_id: string;
  received_at: Timestamp;
  channel: QuestionChannel;
  text: string | null;
  text_expired_at: Timestamp | null;
  language: string;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  sentiment_score: number;
  sentiment_label: SentimentLabel;
  sentiment_model: string;
  status: QuestionStatus;
  team: string;
  assignee: string | null;
  due_at: Timestamp;
  overdue_at: Timestamp | null;
  escalated_at: Timestamp | null;
  callback_wanted: Generated<boolean>;
  callback_by: Timestamp | null;
  answer: string | null;
  answered_how: AnsweredHow | null;
  answered_to: string | null;
  answered_at: Timestamp | null;
  answered_faq_id: Int8 | null;
  closed_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface QuestionEventsTable {
  id: Generated<string>;
  question_id: Int8;
  at: Timestamp;
  actor: string;
  type: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Contact details for the callback only, deleted N days after the question closes. */
export interface QuestionContactsTable {
  question_id: Int8;
  name: string | null;
  phone: string | null;
  email: string | null;
  created_at: Generated<Date>;
}

export interface QuestionRollupsTable {
  channel: string;
  topic: string;
  bucket: Timestamp;
  n: Generated<number>;
  n_pos: Generated<number>;
  n_neu: Generated<number>;
  n_neg: Generated<number>;
  score_sum: ColumnType<string, number | bigint | string | undefined, number | bigint | string>;
}

export interface QuestionNoticesTable {
  id: Generated<string>;
  question_id: Int8;
  kind: 'routed' | 'escalated';
  channel_id: string;
  message: ColumnType<unknown, string, string>;
  state: Generated<'pending' | 'sending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  not_before: Timestamp;
  lease_until: Timestamp | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface SentimentModelsTable {
  version: string;
  language: Generated<string>;
  created_at: Generated<Date>;
  active: Generated<boolean>;
  activated_at: Timestamp | null;
  metrics: ColumnType<Record<string, unknown>, string, string>;
  weights: Buffer;
}

export interface SentimentCorrectionsTable {
  id: Generated<string>;
  mention_id: Int8;
  posted_at: Timestamp;
  label: SentimentLabel;
  previous_label: SentimentLabel;
  previous_model: string;
  api_key_id: Int8 | null;
  corrected_by: string;
  corrected_at: Generated<Date>;
}

export interface DetectorStatesTable {
  series_key: string;
  metric: string;
  source_kind: string;
  topic: string;
  detector_version: string;
  state: ColumnType<unknown, string, string>;
  last_bucket: Timestamp;
  updated_at: Generated<Date>;
}

export interface AnomalyScoresTable {
  series_key: string;
  bucket: Timestamp;
  observed: number;
  expected: number;
  volume: number;
  score: number;
  spike: number;
  drop: number;
}

export interface AlertsTable {
  id: Generated<string>;
  kind: AlertKind;
  rule_id: string;
  series_key: string;
  state: AlertState;
  title: string;
  opened_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  last_triggered_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  score: number | null;
  observed: number | null;
  expected: number | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  /** Opened by posts that arrived for a bucket already judged. */
  late: Generated<boolean>;
}

export interface AlertEventsTable {
  id: Generated<string>;
  alert_id: Int8;
  type: 'opened' | 'updated' | 'resolved';
  at: Timestamp;
  message: ColumnType<unknown, string, string>;
}

export interface DeliveriesTable {
  id: Generated<string>;
  event_id: Int8;
  channel_id: string;
  channel_kind: string;
  state: Generated<DeliveryState>;
  attempts: Generated<number>;
  not_before: Timestamp;
  lease_until: Timestamp | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** A calendar date as 'YYYY-MM-DD'; select it with ::text, since pg would turn it into a local-midnight Date. */
type CalendarDate = ColumnType<string, string, string>;

export interface MeasuresTable {
  id: string;
  version: Generated<number>;
  level: MeasureLevel;
  region: string | null;
  municipality: string | null;
  title: string;
  summary: string | null;
  announced_on: CalendarDate | null;
  effective_from: CalendarDate;
  effective_until: CalendarDate | null;
  topics: string[];
  direction: MeasureDirection;
  source_url: string | null;
  sources: string[];
  verified: Generated<boolean>;
  note: string | null;
  origin: MeasureOrigin;
  source_id: string | null;
  external_id: string | null;
  publication_hash: string | null;
  content_hash: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MeasureVersionsTable {
  measure_id: string;
  version: number;
  data: ColumnType<Record<string, unknown>, string, string>;
  changed: string[];
  origin: MeasureOrigin;
  content_hash: string;
  recorded_at: Generated<Date>;
}
