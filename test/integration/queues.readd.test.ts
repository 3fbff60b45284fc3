// Re-adding a job whose work Postgres says is not done: BullMQ keeps failed and completed jobs under their id for
// days, so a plain add of the same id does nothing; readd retries the failed one and replaces the completed one, and
// leaves a waiting one alone.
import crypto from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { deletePrefix } from '../support/redis-prefix.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-readd-${crypto.randomBytes(4).toString('hex')}`;
const producer = producerConnection(REDIS_URL);
let queues: Queues;

/** Runs the ingest queue's next job once, failing or completing it, and waits until BullMQ has recorded that. */
async function runOnce(outcome: 'fail' | 'complete'): Promise<void> {
  const connection = workerConnection(REDIS_URL);
  await new Promise<void>((resolve) => {
    const worker = new Worker(
      'ingest',
      () => (outcome === 'fail' ? Promise.reject(new Error('database away')) : Promise.resolve()),
      { connection, prefix },
    );
    worker.on(outcome === 'fail' ? 'failed' : 'completed', () => void worker.close().then(() => resolve()));
  });
  await connection.quit();
}

const ingest = () => queues.queue('ingest');
async function stateOf(importId: string): Promise<string> {
  const job = await ingest().getJob(`import-${importId}`);
  return job ? job.getState() : 'missing';
}

beforeAll(() => {
  queues = new Queues(producer, prefix);
});

afterAll(async () => {
  await queues.close();
  await deletePrefix(producer, prefix);
  await producer.quit();
});

describe('Queues.readd', () => {
  it('retries a kept failed job, which a plain add leaves failed', async () => {
    // The job as the catalogue names it, with one attempt so that it ends failed at once.
    await ingest().add(
      'ingest.import',
      { importId: 'failed-one' },
      { jobId: 'import-failed-one', attempts: 1 },
    );
    await runOnce('fail');
    expect(await stateOf('failed-one')).toBe('failed');
    const jobs = queues.importJobs();
    await jobs.add('failed-one');
    expect(await stateOf('failed-one')).toBe('failed');
    await jobs.readd('failed-one');
    expect(await stateOf('failed-one')).toBe('waiting');
    await runOnce('complete');
  });

  it('replaces a kept completed job and leaves a waiting one alone', async () => {
    const jobs = queues.importJobs();
    await jobs.add('done-one');
    await runOnce('complete');
    expect(await stateOf('done-one')).toBe('completed');
    await jobs.add('done-one');
    expect(await stateOf('done-one')).toBe('completed');
    await jobs.readd('done-one');
    expect(await stateOf('done-one')).toBe('waiting');
    await jobs.readd('done-one');
    expect(await ingest().getJobCounts('waiting')).toEqual({ waiting: 1 });
  });
});
