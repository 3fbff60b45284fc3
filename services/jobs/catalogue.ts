// Every job the system runs: its name, its payload, and the queue that carries it. A discriminated union, so a
// processor that forgets a job fails to compile, and start-up fails when a job has no handler.
// Payloads carry ids and small values only; never secrets, never raw text.

export const QUEUE_NAMES = ['ingest', 'maintenance', 'detect', 'detect-early', 'notify', 'poll'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Clear raw text (and titles) whose retention has passed; aggregates stay. */
  'maintenance.expire-text': { batchSize: number };
  /** Create the mentions partitions for this month and the next few. */
  'maintenance.partitions': { monthsAhead: number };
  /** Delete the files of failed uploads whose keeping time is up, and files in the upload folder no import holds. */
  'maintenance.uploads': Record<string, never>;
  /** Delete web sessions that ended and sign-in failures outside the lockout window. */
  'maintenance.sessions': Record<string, never>;
  /** Decide the questions without a decision against the current published FAQs (the gaps), in batches. */
  'faqs.decide': { batchSize: number; maxBatches: number };
  /** Score the buckets that closed since the last run and let the alert rules decide. */
  'detect.tick': Record<string, never>;
  /** Judge the open bucket of every series a rule watches, and the scored buckets that got late posts. */
  'detect.early': Record<string, never>;
  /** Send the deliveries that are due (the outbox). */
  'notify.deliver': Record<string, never>;
  /** Poll one configured source once (its schedule repeats it; a lease in Postgres keeps polls apart). */
  'poll.source': { sourceId: string };
  /** List one watched folder (`export-folder` source) once: complete files are handed to the import queue. */
  'poll.folder': { sourceId: string };
  /** Import one queued export (an upload or a dropped file) from its stored file; the import's row holds the rest. */
  'ingest.import': { importId: string };
  /** Store the weekly report and the daily digest that are due (once per period) and send their deliveries. */
  'reports.tick': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/**
 * How many times BullMQ runs a job before it fails for good (the queues' default). An import counts its own
 * attempts in Postgres and gives up on the last of these, so its file leaves the queue's hands exactly once.
 */
export const JOB_ATTEMPTS = 5;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'maintenance.expire-text': 'maintenance',
  'maintenance.partitions': 'maintenance',
  'maintenance.sessions': 'maintenance',
  'maintenance.uploads': 'maintenance',
  'faqs.decide': 'maintenance',
  'detect.tick': 'detect',
  // Its own queue: a long tick (a cold start's warm-up, a catching-up series) must not hold up early judgement.
  'detect.early': 'detect-early',
  'notify.deliver': 'notify',
  'poll.source': 'poll',
  'poll.folder': 'poll',
  'ingest.import': 'ingest',
  // With the hourly maintenance, not beside the alerts: printing a PDF must not hold up an alert's delivery.
  'reports.tick': 'maintenance',
};

/**
 * Jobs added with an id of their own, built here and nowhere else: adding one again while it waits, runs or is
 * kept as completed is a no-op, so re-adding after a lost Redis or a second request cannot run it twice at once.
 * (BullMQ ids may not contain a colon.)
 */
export const JOB_IDS: { [N in JobName]?: (data: JobPayloads[N]) => string } = {
  'ingest.import': (data) => `import-${data.importId}`,
};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];
