// The one place a transaction is opened for services: a service asks the unit of work for a transaction and gets
// the repositories bound to it, so it never holds Kysely and its writes commit or roll back together.
import type { Db, DbTransaction } from '../db/client.js';
import { AlertsRepository } from './alerts.repository.js';
import { DetectionRepository } from './detection.repository.js';
import { FaqsRepository } from './faqs.repository.js';
import { MeasuresRepository } from './measures.repository.js';

/** Repositories bound to one transaction. Add a repository here when a service must write it in one. */
export interface TxRepositories {
  readonly alerts: AlertsRepository;
  readonly detection: DetectionRepository;
  readonly measures: MeasuresRepository;
  /** For the FAQs a measure change makes stale, flagged in the transaction that stores the change. */
  readonly faqs: FaqsRepository;
}

export interface Transactor {
  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws. `trx` is only for
   * handing on to another module's callback that must write in the same transaction (a poll's cursor).
   */
  transaction<T>(fn: (repos: TxRepositories, trx: DbTransaction) => Promise<T>): Promise<T>;
}

/** Binds every repository of `TxRepositories` to `executor` (the database itself, or a transaction). */
export function bindRepositories(executor: Db): TxRepositories {
  // Built on first use: a transaction pays only for the repositories it touches.
  let alerts: AlertsRepository | undefined;
  let detection: DetectionRepository | undefined;
  let measures: MeasuresRepository | undefined;
  let faqs: FaqsRepository | undefined;
  return {
    get alerts() {
      return (alerts ??= new AlertsRepository(executor));
    },
    get detection() {
      return (detection ??= new DetectionRepository(executor));
    },
    get measures() {
      return (measures ??= new MeasuresRepository(executor));
    },
    get faqs() {
      return (faqs ??= new FaqsRepository(executor));
    },
  };
}

export function createUnitOfWork(db: Db): Transactor {
  return {
    transaction: (fn) => db.transaction().execute((trx) => fn(bindRepositories(trx), trx)),
  };
}
