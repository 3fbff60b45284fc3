// The unit of work over in-memory fakes: `transaction(fn)` hands `fn` the fakes as its repositories and restores
// every one of them (and any other store named) when `fn` throws, so a failed transaction leaves them unchanged.
//
// TxRepositories names the repository classes; a fake holds only the methods the services under test call (each
// checked against the real signature by its `implements Pick<...>`). A repository without a fake, or a method a
// fake lacks, fails the test at once with its name, never silently.
import type { DbTransaction } from '../../../services/db/client.js';
import type { Transactor, TxRepositories } from '../../../services/repositories/unit-of-work.js';
import { inTransaction, type Snapshottable } from './rollback.js';

type Fakes = { [K in keyof TxRepositories]?: Snapshottable & object };

/** Throws on any use: what a test reaches that is not faked. */
function absent<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      if (property === 'then') return undefined;
      throw new Error(`${what}.${String(property)} is not faked (test/fakes/memory)`);
    },
  });
}

/** A fake as the repository it stands for; reading a method it lacks throws, naming it. */
function guarded<T extends object>(name: string, fake: object): T {
  return new Proxy(fake, {
    get: (target, property, receiver) => {
      if (property === 'then' || property in target) {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      throw new Error(`the fake ${name} repository has no ${String(property)} (test/fakes/memory)`);
    },
  }) as T;
}

export class FakeUnitOfWork implements Transactor {
  readonly repositories: TxRepositories;
  /** How many transactions committed and how many rolled back. */
  readonly outcomes = { committed: 0, rolledBack: 0 };
  private readonly stores: Snapshottable[];

  /** `fakes`: the repositories a transaction hands on; `others`: more fakes its work writes (restored too). */
  constructor(fakes: Fakes, others: readonly Snapshottable[] = []) {
    const pick = <K extends keyof TxRepositories>(name: K): TxRepositories[K] =>
      fakes[name] === undefined
        ? absent<TxRepositories[K]>(`TxRepositories.${name}`)
        : guarded<TxRepositories[K]>(name, fakes[name]);
    this.repositories = {
      alerts: pick('alerts'),
      detection: pick('detection'),
      measures: pick('measures'),
      faqs: pick('faqs'),
    };
    this.stores = [...Object.values(fakes), ...others];
  }

  async transaction<T>(fn: (repos: TxRepositories, trx: DbTransaction) => Promise<T>): Promise<T> {
    try {
      const result = await inTransaction(this.stores, () =>
        fn(this.repositories, absent<DbTransaction>('the transaction handle')),
      );
      this.outcomes.committed += 1;
      return result;
    } catch (error) {
      this.outcomes.rolledBack += 1;
      throw error;
    }
  }
}
