// One poll of one source: take the lease in Postgres, fetch page after page, store each page with its cursor in
// one transaction, and record the outcome on the source row (ok, failing, needs_attention) with back-off and
// alerts. Also the dry run behind `onderstroom sources test`, which stores nothing.
import crypto from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { normaliseExternalId, type PreparedMention } from '../ingest/prepare.js';
import type { IngestResult } from '../ingest/ingest.service.js';
import type { RawMention } from '../ingest/raw-mention.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import { CredentialCache } from './credential-cache.js';
import { PollFailure, RateLimitPause, type FailureKind } from './poll-failure.js';
import type { PollerRegistry } from './poller.registry.js';
import { backoffDelay, type RateLimitState } from './rate-limit.js';
import { SourceHttp } from './source-http.js';
import { rateLimitReader, userAgent } from './source-requests.js';
import {
  backfillMs,
  backfillPages,
  isPolled,
  timings,
  type PolledSourceConfig,
  type SourceConfig,
} from './sources.schema.js';
import type { DbTransaction } from '../db/client.js';
import type { Metrics } from '../metrics/metrics.js';
import { LeaseLostError } from './source-state.js';
import type { StoreOptions } from '../ingest/store-options.js';

/**
 * Where the measure watchers' publications go (the measures module); the cursor moves in its transaction.
 * `P` is what a publication is; this module only passes them on.
 */
export interface PublicationSink<P> {
  storePublications(
    source: PolledSourceConfig,
    publications: readonly P[],
    afterStore: (trx: DbTransaction) => Promise<void>,
  ): Promise<{ stored: number; unchanged: number; ignored: number }>;
}

/** Where a failing source is reported; the alerts module implements it. */
export interface SourceAlerts {
  sourceFailing(source: { id: string; kind: string }, failures: number, message: string): Promise<void>;
  sourceRecovered(sourceId: string): Promise<void>;
}

export interface PollIngest {
  ingest(items: readonly RawMention[], options: StoreOptions): Promise<IngestResult>;
  prepare(items: readonly RawMention[]): Promise<{
    prepared: PreparedMention[];
    rejected: { index: number; reason: string }[];
  }>;
}

export type PollSources = Pick<
  SourcesRepository,
  | 'syncConfigured'
  | 'acquireLease'
  | 'renewLease'
  | 'releaseLease'
  | 'saveCursor'
  | 'recordSuccess'
  | 'recordFailure'
  | 'knownExternalIds'
  | 'pollState'
>;

export interface PollServiceDeps<P> {
  sources: PollSources;
  /** Which poller reads each kind of source (filled by the sources and measures modules). */
  pollers: PollerRegistry<P>;
  ingest: PollIngest;
  alerts: SourceAlerts;
  /** Needed only when measure watchers are configured. */
  publications?: PublicationSink<P>;
  configured: readonly SourceConfig[];
  /** Consecutive failures after which a source_failure alert is raised. */
  alertAfter: number;
  secret: (name: string) => string | null;
  log: Logger;
  credentials?: CredentialCache;
  now?: () => Date;
  fetch?: typeof fetch;
  random?: () => number;
  /** Identifies this worker process in the lease; each poll adds its own token, so the lease is per job. */
  owner?: string;
  metrics?: Pick<Metrics, 'pollFinished'>;
}

export type PollOutcome =
  | {
      status: 'polled';
      sourceId: string;
      pages: number;
      fetched: number;
      stored: number;
      duplicates: number;
      rejected: number;
      rateLimitedUntil: string | null;
    }
  | { status: 'skipped'; sourceId: string; reason: string }
  | {
      status: 'failed';
      sourceId: string;
      kind: FailureKind;
      message: string;
      failures: number;
      retryAt: string | null;
    };

export interface DryRun<P = never> {
  sourceId: string;
  kind: string;
  pages: number;
  requests: number;
  fetched: number;
  alreadyStored: number;
  wouldStore: PreparedMention[];
  rejected: { externalId: string; reason: string }[];
  cursorBefore: unknown;
  cursorAfter: unknown;
  rateLimit: RateLimitState;
  rateLimitedUntil: string | null;
  /** Measure watchers: the publications read (whether each is a measure is decided when stored). */
  publications?: P[];
}

// Failing sources are retried no later than this, however many failures came before.
const MAX_BACKOFF_MS = 15 * 60_000;
// Auth failures wait at least this long: Bluesky allows 30 logins per 5 minutes.
const MIN_AUTH_BACKOFF_MS = 30_000;

export class PollService<P = never> {
  private readonly now: () => Date;
  private readonly credentials: CredentialCache;
  private readonly owner: string;
  private readonly synced = new Set<string>();

  constructor(private readonly deps: PollServiceDeps<P>) {
    this.now = deps.now ?? (() => new Date());
    this.credentials = deps.credentials ?? new CredentialCache();
    this.owner = deps.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  }

  configured(sourceId: string): SourceConfig | null {
    return this.deps.configured.find((source) => source.id === sourceId) ?? null;
  }

  async poll(sourceId: string): Promise<PollOutcome> {
    const source = this.configured(sourceId);
    if (source === null || !isPolled(source)) {
      return { status: 'skipped', sourceId, reason: 'not a polled source in the configuration' };
    }
    if (!source.enabled) return { status: 'skipped', sourceId, reason: 'disabled in the configuration' };
    const started = performance.now();
    let outcome: PollOutcome | null = null;
    try {
      outcome = await this.pollLeased(source);
      return outcome;
    } finally {
      // A poll that threw before it could record its outcome (the database away) counts as an internal failure.
      const failure = outcome === null ? 'internal' : outcome.status === 'failed' ? outcome.kind : undefined;
      this.deps.metrics?.pollFinished(
        sourceId,
        outcome?.status ?? 'failed',
        (performance.now() - started) / 1000,
        failure,
      );
    }
  }

  private async pollLeased(source: PolledSourceConfig): Promise<PollOutcome> {
    const sourceId = source.id;
    if (!this.synced.has(sourceId)) {
      await this.deps.sources.syncConfigured([source]);
      this.synced.add(sourceId);
    }
    const { leaseMs } = timings(source);
    // One owner per poll, not per process: the poll queue runs several jobs at once, and two overlapping jobs
    // for one source in this process must not both hold the lease.
    const owner = `${this.owner}:${crypto.randomBytes(4).toString('hex')}`;
    const lease = await this.deps.sources.acquireLease(sourceId, owner, leaseMs);
    if (!lease.acquired) {
      const until = lease.until ? ` until ${lease.until.toISOString()}` : '';
      const reason =
        lease.reason === 'leased' ? `being polled by another worker${until}` : `${lease.reason}${until}`;
      return { status: 'skipped', sourceId, reason };
    }
    try {
      return await this.run(source, owner, lease.cursor, lease.consecutiveFailures);
    } finally {
      await this.deps.sources
        .releaseLease(sourceId, owner)
        .catch((error: unknown) =>
          this.deps.log.warn(
            { err: error, sourceId },
            'could not release the poll lease; it expires by itself',
          ),
        );
    }
  }

  private async run(
    source: PolledSourceConfig,
    owner: string,
    cursor: unknown,
    failuresBefore: number,
  ): Promise<PollOutcome> {
    const { everyMs, leaseMs } = timings(source);
    const totals = { pages: 0, fetched: 0, stored: 0, duplicates: 0, rejected: 0 };
    let pausedUntil: Date | null = null;
    try {
      const http = this.http(source, async (waitMs) => {
        await this.deps.sources.renewLease(source.id, owner, waitMs + leaseMs);
      });
      const deps = this.pollerDeps(http, source);
      const poller = this.deps.pollers.create(source, deps);
      let position = cursor;
      // A source polled for the first time covers its feed from its backfill window (or from now, without one).
      let coverage: Date | null = cursor === null ? (deps.backfillFrom ?? this.now()) : null;
      try {
        while (totals.pages < source.max_pages) {
          const page = await poller.next(position);
          totals.pages++;
          totals.fetched += page.items.length;
          const pageCoverage = page.coverageFrom ?? coverage;
          coverage = null;
          const result =
            page.publications === undefined
              ? await this.store(source, owner, page.items, page.cursor, pageCoverage)
              : await this.storePublications(source, owner, page.publications, page.cursor);
          totals.fetched += page.publications?.length ?? 0;
          totals.stored += result.inserted.length;
          totals.duplicates += result.duplicates;
          totals.rejected += result.rejected.length;
          for (const rejected of result.rejected.slice(0, 3)) {
            this.deps.log.info(
              { sourceId: source.id, reason: rejected.reason },
              'a polled item was not stored',
            );
          }
          position = page.cursor;
          if (page.done) break;
          if (!(await this.deps.sources.renewLease(source.id, owner, leaseMs))) {
            throw new LeaseLostError(source.id);
          }
        }
      } catch (error) {
        if (!(error instanceof RateLimitPause)) throw error;
        // Not a failure: what was fetched is stored, and the next poll waits for the window to reset.
        pausedUntil = error.until;
      }
    } catch (error) {
      if (error instanceof LeaseLostError)
        return { status: 'skipped', sourceId: source.id, reason: error.message };
      return this.failed(source, error, failuresBefore);
    }
    const now = this.now();
    const nextPollAt = new Date(Math.max(now.getTime() + everyMs, pausedUntil?.getTime() ?? 0));
    const previous = await this.deps.sources.recordSuccess(source.id, {
      nextPollAt,
      backoffUntil: pausedUntil,
    });
    if (previous >= this.deps.alertAfter) await this.alert(() => this.deps.alerts.sourceRecovered(source.id));
    return {
      status: 'polled',
      sourceId: source.id,
      ...totals,
      rateLimitedUntil: pausedUntil?.toISOString() ?? null,
    };
  }

  private async store(
    source: PolledSourceConfig,
    owner: string,
    items: RawMention[],
    cursor: unknown,
    coverageFrom: Date | null = null,
  ) {
    // Items stored before are dropped here, so a feed that repeats itself costs no enrichment.
    const ids = items.map((item) => normaliseExternalId(item.externalId));
    const known = await this.deps.sources.knownExternalIds(source.id, [...new Set(ids)]);
    const fresh = items.filter((_, index) => !known.has(ids[index]!));
    const result = await this.deps.ingest.ingest(fresh, {
      sourceId: source.id,
      sourceKind: source.kind,
      afterStore: (trx) => this.deps.sources.saveCursor(trx, source.id, owner, cursor, coverageFrom),
    });
    return { ...result, duplicates: result.duplicates + (items.length - fresh.length) };
  }

  private async storePublications(
    source: PolledSourceConfig,
    owner: string,
    publications: P[],
    cursor: unknown,
  ) {
    if (this.deps.publications === undefined) {
      throw new Error(`source "${source.id}" watches publications, but no publication sink is wired`);
    }
    const result = await this.deps.publications.storePublications(source, publications, (trx) =>
      this.deps.sources.saveCursor(trx, source.id, owner, cursor),
    );
    // Publications that are no measure are neither stored nor rejected: they count as already seen.
    return {
      inserted: { length: result.stored },
      duplicates: result.unchanged + result.ignored,
      rejected: [] as { index: number; reason: string }[],
    };
  }

  private async failed(
    source: PolledSourceConfig,
    error: unknown,
    failuresBefore: number,
  ): Promise<PollOutcome> {
    const failure =
      error instanceof PollFailure
        ? error
        : new PollFailure(
            'transient',
            `internal error while polling: ${(error as Error).message ?? String(error)}`,
          );
    if (!(error instanceof PollFailure)) {
      this.deps.log.error({ err: error, sourceId: source.id }, 'poll failed unexpectedly');
    }
    const { everyMs } = timings(source);
    const now = this.now();
    const failures = failuresBefore + 1;
    let backoffUntil: Date | null = null;
    if (failure.kind !== 'malformed') {
      // A malformed page fails that poll only; anything else backs off exponentially, with jitter.
      const base = Math.max(everyMs, failure.kind === 'auth' ? MIN_AUTH_BACKOFF_MS : 1_000);
      const delay = backoffDelay(failures, base, MAX_BACKOFF_MS, this.deps.random);
      backoffUntil = new Date(Math.max(now.getTime() + delay, failure.retryAt?.getTime() ?? 0));
    }
    const nextPollAt = new Date(Math.max(now.getTime() + everyMs, backoffUntil?.getTime() ?? 0));
    const recorded = await this.deps.sources.recordFailure(source.id, {
      state: failure.kind === 'auth' ? 'needs_attention' : 'failing',
      kind: failure.kind,
      message: failure.message,
      backoffUntil,
      nextPollAt,
    });
    this.deps.log.warn(
      { sourceId: source.id, kind: failure.kind, failures: recorded, retryAt: backoffUntil },
      `poll of ${source.id} failed: ${failure.message}`,
    );
    if (recorded >= this.deps.alertAfter) {
      await this.alert(() =>
        this.deps.alerts.sourceFailing({ id: source.id, kind: source.kind }, recorded, failure.message),
      );
    }
    return {
      status: 'failed',
      sourceId: source.id,
      kind: failure.kind,
      message: failure.message,
      failures: recorded,
      retryAt: backoffUntil?.toISOString() ?? null,
    };
  }

  private async alert(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      // The poll's outcome is already stored; an alert that cannot be stored must not turn it into a failure.
      this.deps.log.error({ err: error }, 'could not store the source alert');
    }
  }

  /** Polls once from the stored cursor and returns what would be stored; stores and changes nothing. */
  async dryRun(sourceId: string): Promise<DryRun<P>> {
    const source = this.configured(sourceId);
    if (source === null) {
      const ids = this.deps.configured.map((configuredSource) => configuredSource.id);
      throw new Error(
        `no source "${sourceId}" in the configuration${ids.length > 0 ? ` (configured: ${ids.join(', ')})` : ''}`,
      );
    }
    if (!isPolled(source))
      throw new Error(`source "${sourceId}" is a push source; only polled sources can be tested`);
    const state = await this.deps.sources.pollState(sourceId);
    const cursorBefore = state?.cursor ?? null;
    const http = this.http(source, () => Promise.resolve());
    const poller = this.deps.pollers.create(source, this.pollerDeps(http, source));
    const items: RawMention[] = [];
    const publications: P[] = [];
    let cursor: unknown = cursorBefore;
    let pages = 0;
    let rateLimitedUntil: string | null = null;
    try {
      while (pages < source.max_pages) {
        const page = await poller.next(cursor);
        pages++;
        items.push(...page.items);
        publications.push(...(page.publications ?? []));
        cursor = page.cursor;
        if (page.done) break;
      }
    } catch (error) {
      if (!(error instanceof RateLimitPause)) throw error;
      rateLimitedUntil = error.until.toISOString();
    }
    const ids = items.map((item) => normaliseExternalId(item.externalId));
    const known =
      state === null ? new Set<string>() : await this.deps.sources.knownExternalIds(sourceId, ids);
    const seen = new Set<string>();
    const fresh = items.filter((_, index) => {
      const id = ids[index]!;
      if (known.has(id) || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const { prepared, rejected } = await this.deps.ingest.prepare(fresh);
    return {
      sourceId,
      kind: source.kind,
      pages,
      requests: http.requests,
      fetched: items.length + publications.length,
      alreadyStored: items.length - fresh.length,
      wouldStore: prepared,
      rejected: rejected.map((entry) => ({
        externalId: fresh[entry.index]!.externalId,
        reason: entry.reason,
      })),
      cursorBefore,
      cursorAfter: cursor,
      rateLimit: http.lastRateLimit,
      rateLimitedUntil,
      ...(publications.length > 0 ? { publications } : {}),
    };
  }

  private http(source: PolledSourceConfig, beforeWait: (ms: number) => Promise<void>): SourceHttp {
    const { timeoutMs } = timings(source);
    return new SourceHttp({
      timeoutMs,
      maxBytes: source.max_bytes,
      userAgent: userAgent(source),
      rateLimit: rateLimitReader(source),
      fetch: this.deps.fetch,
      now: this.now,
      beforeWait,
    });
  }

  private pollerDeps(http: SourceHttp, source: PolledSourceConfig) {
    const window = backfillMs(source);
    return {
      http,
      secret: this.deps.secret,
      now: this.now,
      credentials: this.credentials,
      backfillFrom: window > 0 ? new Date(this.now().getTime() - window) : null,
      backfillPages: backfillPages(source),
    };
  }
}
