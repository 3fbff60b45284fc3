// A worker process killed (SIGKILL) in the middle of a queued import: BullMQ's stalled-job check gives the job to
// the next worker, which reads the file again and skips what is stored. Afterwards every row is stored once, the
// rollups are exactly the stored mentions, and the import is done with the dead run's rows counted as its own.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection } from '../../services/jobs/redis-connection.js';
import { writeSyntheticObi4wanExport } from '../../tools/importers/synthetic-export.js';
import { assertBuilt, exited, runCli, startCli, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import type { TestDatabase } from '../support/postgres.js';

let context: AppContext;
let database: TestDatabase;
let dir: string;
let variables: Record<string, string>;
let queues: Queues;
let producer: { disconnect(): void };
const children: ReturnType<typeof startCli>[] = [];

beforeAll(async () => {
  assertBuilt();
  const created = await createTestEnv();
  ({ database, dir, variables } = created);
  context = await createAppContext(created.env, { log: pino({ level: 'warn' }), migrate: false });
  const connection = producerConnection(created.env.redisUrl);
  producer = connection;
  queues = new Queues(connection, created.env.queuePrefix);
});

afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  await queues.close();
  producer.disconnect();
  await context.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function storedBy(importId: string): Promise<number> {
  const row = await context.database.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('a worker killed mid-import', () => {
  it('is taken over by the next worker and every row is stored exactly once', async () => {
    const file = path.join(dir, 'export.csv');
    const written = await writeSyntheticObi4wanExport(file, {
      rows: 120_000,
      seed: 18,
      start: new Date('2021-01-01T00:00:00Z'),
      days: 30,
    });
    const accepted = await context.importQueue.receive(
      [{ type: 'file', fieldname: 'file', filename: 'export.csv', file: fs.createReadStream(file) }] as {
        type: 'file';
        fieldname: string;
        filename: string;
        file: Readable;
      }[],
      { label: 'user:test', apiKeyId: null },
      queues.importJobs(),
    );

    const first = startCli(['start', '--role', 'worker'], variables);
    children.push(first);
    await waitFor(
      async () => ((await storedBy(accepted.id)) > 0 ? true : null),
      `the first worker to store rows\n${first.output()}`,
      180_000,
    );
    first.child.kill('SIGKILL');
    await exited(first.child);
    const storedByDeadRun = await storedBy(accepted.id);

    const second = startCli(['start', '--role', 'worker'], variables);
    children.push(second);
    // The dead worker's lock expires (30 s) before the stalled check hands the job on: generous waits.
    const done = await waitFor(
      async () => {
        const record = await context.repositories.imports.get(accepted.id);
        // Done, and its uploaded copy removed: the job's last step.
        return record?.status === 'done' && record.storedPath === null ? record : null;
      },
      `the second worker to finish the import\n${second.output()}`,
      300_000,
    );
    second.child.kill('SIGTERM');
    await exited(second.child);

    expect(storedByDeadRun).toBeLessThan(done.imported);
    expect(done.attempts).toBe(2);
    expect(done.rowsRead).toBe(written.rows);
    expect(done.imported + done.duplicates + done.rejectedCount).toBe(written.rows);
    expect(await storedBy(accepted.id)).toBe(done.imported);
    const source = await context.database.db
      .selectFrom('sources')
      .select('items_stored')
      .where('id', '=', 'obi4wan')
      .executeTakeFirstOrThrow();
    expect(Number(source.items_stored)).toBe(done.imported);
    expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));
    // The uploaded copy is gone, and importing the same file with the CLI finds every row stored.
    expect(done.storedPath).toBeNull();
    const again = await runCli(['import', file, '--json'], variables, { timeoutMs: 300_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: written.rows, imported: 0 });
  }, 900_000);
});
