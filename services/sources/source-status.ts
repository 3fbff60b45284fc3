// What an administrator sees per source (GET /api/v1/sources, `onderstroom sources list`): its state, last
// success and error, items stored, lag behind the newest item, when it is polled next and where its coverage starts.
import type { SourcesRepository } from '../repositories/sources.repository.js';
import { isExportFolder, isPolled, type SourceConfig } from './sources.schema.js';

// Polled sources and watched export folders run on a schedule of their own (`every`).
const scheduled = (config: SourceConfig) => isPolled(config) || isExportFolder(config);

export interface SourceStatus {
  id: string;
  kind: string;
  /** False for rows of sources that have left the configuration (and for import presets). */
  configured: boolean;
  enabled: boolean;
  state: string;
  every: string | null;
  polling_now: boolean;
  last_poll_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  consecutive_failures: number;
  items_stored: number;
  newest_item_at: string | null;
  /** Seconds between now and the newest stored item. */
  lag_seconds: number | null;
  next_poll_at: string | null;
  backoff_until: string | null;
  /** From when the source covers its feed (its first poll's backfill window; later if a page cap cut the walk). */
  coverage_from: string | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function sourceStatuses(
  sources: Pick<SourcesRepository, 'list' | 'pollStates'>,
  configured: readonly SourceConfig[],
  now: Date,
): Promise<SourceStatus[]> {
  const [rows, polls] = await Promise.all([sources.list(), sources.pollStates()]);
  const pollById = new Map(polls.map((poll) => [poll.id, poll]));
  const configById = new Map(configured.map((source) => [source.id, source]));
  const statuses: SourceStatus[] = rows.map((row) => {
    const config = configById.get(row.id);
    const poll = pollById.get(row.id);
    const polled = config !== undefined && scheduled(config) && config.enabled;
    return {
      id: row.id,
      kind: row.kind,
      configured: config !== undefined,
      enabled: config?.enabled ?? row.enabled,
      state: row.state,
      every: config !== undefined && (isPolled(config) || isExportFolder(config)) ? config.every : null,
      polling_now: poll?.leaseUntil !== null && poll?.leaseUntil !== undefined && poll.leaseUntil > now,
      last_poll_at: iso(poll?.lastPollAt ?? null),
      last_success_at: iso(row.lastSuccessAt),
      last_error_at: iso(row.lastErrorAt),
      last_error: row.lastError,
      last_error_kind: poll?.lastErrorKind ?? null,
      consecutive_failures: row.consecutiveFailures,
      items_stored: row.itemsStored,
      newest_item_at: iso(row.newestItemAt),
      lag_seconds:
        row.newestItemAt === null
          ? null
          : Math.max(0, Math.round((now.getTime() - row.newestItemAt.getTime()) / 1000)),
      next_poll_at: polled ? iso(row.nextPollAt) : null,
      backoff_until: iso(poll?.backoffUntil ?? null),
      coverage_from: iso(row.coverageFrom),
    };
  });
  // Configured sources that have not run yet have no row: they are listed as idle.
  for (const config of configured) {
    if (rows.some((row) => row.id === config.id)) continue;
    statuses.push({
      id: config.id,
      kind: config.kind,
      configured: true,
      enabled: config.enabled,
      state: config.enabled ? 'idle' : 'disabled',
      every: isPolled(config) || isExportFolder(config) ? config.every : null,
      polling_now: false,
      last_poll_at: null,
      last_success_at: null,
      last_error_at: null,
      last_error: null,
      last_error_kind: null,
      consecutive_failures: 0,
      items_stored: 0,
      newest_item_at: null,
      lag_seconds: null,
      next_poll_at: null,
      backoff_until: null,
      coverage_from: null,
    });
  }
  return statuses.sort((a, b) => a.id.localeCompare(b.id));
}

/** The statuses of the configured sources, for the API and the CLI (which pass no repository around). */
export class SourceStatusService {
  constructor(
    private readonly sources: Pick<SourcesRepository, 'list' | 'pollStates'>,
    private readonly configured: readonly SourceConfig[],
  ) {}

  list(now = new Date()): Promise<SourceStatus[]> {
    return sourceStatuses(this.sources, this.configured, now);
  }
}
