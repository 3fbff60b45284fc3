// Retrying work that failed for a passing reason, with exponential back-off, and a clear message when giving up.

export interface RetryPolicy {
  /** Waits before the 2nd, 3rd, ... attempt; the number of attempts is one more than their count. */
  delaysMs: readonly number[];
  isTransient: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export class RetriesExhaustedError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    readonly seconds: number,
    readonly lastError: unknown,
  ) {
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    super(`${what} failed ${attempts} times over ${seconds} s and was given up: ${reason}`);
    this.name = 'RetriesExhaustedError';
  }
}

/** 0.5 s doubling to 16 s: about half a minute, enough for a database restart. */
export const DATABASE_BACKOFF_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 16_000];

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetries<T>(what: string, policy: RetryPolicy, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!policy.isTransient(error)) throw error;
      const delay = policy.delaysMs[attempt - 1];
      if (delay === undefined) {
        throw new RetriesExhaustedError(
          what,
          attempt,
          Math.round((performance.now() - started) / 100) / 10,
          error,
        );
      }
      policy.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
