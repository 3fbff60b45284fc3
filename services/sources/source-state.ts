// The health of a source as its polls leave it, its row as the sources module reads it, a poller's lease and the
// error of a lost lease. Defined here, in the domain; the sources repository stores and reads them.
export type SourceState = 'idle' | 'ok' | 'failing' | 'needs_attention' | 'disabled';

export interface SourceRecord {
  id: string;
  kind: string;
  enabled: boolean;
  state: SourceState;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  itemsStored: number;
  newestItemAt: Date | null;
  nextPollAt: Date | null;
  /** From when the source covers its feed: its first poll's backfill window (null: never polled). */
  coverageFrom: Date | null;
}

/** A poller's view of its source row: the lease, back-off and counters (columns of the source-polling migration). */
export interface PollState {
  id: string;
  kind: string;
  enabled: boolean;
  state: SourceState;
  cursor: unknown;
  consecutiveFailures: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  backoffUntil: Date | null;
  lastPollAt: Date | null;
  lastErrorKind: string | null;
}

export type LeaseResult =
  | { acquired: true; cursor: unknown; consecutiveFailures: number }
  | { acquired: false; reason: 'missing' | 'leased' | 'backing_off'; until: Date | null };

/** The lease was taken over by another worker (ours expired): what this worker was about to store is dropped. */
export class LeaseLostError extends Error {
  constructor(sourceId: string) {
    super(`the poll lease on source "${sourceId}" was lost to another worker; this page is left to it`);
    this.name = 'LeaseLostError';
  }
}
