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
  search: ColumnType<string, never, never>;
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
  status: Generated<'running' | 'done' | 'failed' | 'interrupted'>;
  started_at: Generated<Date>;
  heartbeat_at: Generated<Date>;
  finished_at: Timestamp | null;
  rows_read: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  rejected_count: Generated<number>;
  rejected: ColumnType<{ row: number; reason: string }[], string | undefined, string>;
  error: string | null;
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
