// Keeps a process on the active sentiment model without a timer: whoever is about to score (the ingest path)
// pokes it, and at most once a minute it asks Postgres which model is active, swapping in a new one when
// `model train` or `model activate` changed it. The swap applies from the next batch on.
export interface ModelRefresher {
  /** Starts a check in the background when the last one is older than the interval. */
  poke(): void;
  /** Checks now (start-up, tests). */
  check(): Promise<string>;
}

export function createModelRefresher(
  refresh: () => Promise<string>,
  onError: (error: unknown) => void,
  intervalMs = 60_000,
  now: () => number = Date.now,
): ModelRefresher {
  let last = -Infinity;
  let running: Promise<string> | null = null;
  const check = (): Promise<string> => {
    if (running !== null) return running;
    last = now();
    running = refresh().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    poke() {
      if (running !== null || now() - last < intervalMs) return;
      check().catch(onError);
    },
    check,
  };
}
