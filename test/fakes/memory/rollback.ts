// Transaction semantics for in-memory fakes: every fake that a transaction writes can snapshot its state, and a
// transaction whose work throws puts every snapshot back, so a failed transaction leaves the fakes as they were.

/** A fake whose state can be taken and put back. */
export interface Snapshottable {
  /** Takes a copy of the state now; calling the returned function restores it. */
  snapshot(): () => void;
}

let open = 0;

/**
 * Runs `work` as one transaction over `stores`: kept when it resolves, every store restored when it throws (and
 * the error rethrown). A transaction opened while one is open joins it, as a repository bound to a transaction
 * does (FaqsRepository.transaction inside the unit of work's): the outer one restores all on a throw. So the
 * fakes hold one transaction at a time; tests that need two at once (locks, skip locked) belong to the
 * integration tests against Postgres.
 */
export async function inTransaction<T>(stores: readonly Snapshottable[], work: () => Promise<T>): Promise<T> {
  if (open > 0) return work();
  const restores = stores.map((store) => store.snapshot());
  open += 1;
  try {
    return await work();
  } catch (error) {
    for (const restore of restores) restore();
    throw error;
  } finally {
    open -= 1;
  }
}

/** A deep copy good for the fakes' rows (dates, buffers, maps, sets and plain objects). */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
