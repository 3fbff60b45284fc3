// With no DATABASE_URL and no PostgreSQL at the default address, start-up runs an embedded PostgreSQL in the data
// folder, creates the database, and a second start finds the data again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDatabase } from '../../services/db/bootstrap.js';
import { connectDatabase } from '../../services/db/client.js';
import { migrateToLatest } from '../../services/db/migrate.js';
import { freePort } from '../support/cli.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-embedded-'));
// The embedded server runs as an unprivileged user when the tests run as root; it must be able to enter the folder.
fs.chmodSync(dataDir, 0o777);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('embedded PostgreSQL', () => {
  it('starts when nothing is configured and nothing answers, and keeps its data across restarts', async () => {
    const messages: string[] = [];
    const unreachable = `postgres://127.0.0.1:${await freePort()}/onderstroom`;
    const port = await freePort();
    const first = await resolveDatabase({
      databaseUrl: null,
      defaultUrl: unreachable,
      dataDir,
      embeddedPort: port,
      log: (m) => messages.push(m),
    });
    try {
      expect(first.origin).toBe('embedded');
      expect(messages.join('\n')).toMatch(/no PostgreSQL reachable at .* and no DATABASE_URL set/);
      expect(messages.join('\n')).toMatch(/using embedded PostgreSQL \(data in .*postgres, port \d+\)/);
      const handle = connectDatabase(first.url, { max: 1 });
      await migrateToLatest(handle.db);
      await sql`insert into sources (id, kind) values ('kept', 'push')`.execute(handle.db);
      await handle.close();
    } finally {
      await first.stop();
    }
    const second = await resolveDatabase({
      databaseUrl: null,
      defaultUrl: unreachable,
      dataDir,
      embeddedPort: port,
      log: () => undefined,
    });
    try {
      const handle = connectDatabase(second.url, { max: 1 });
      const rows = await sql<{ id: string }>`select id from sources`.execute(handle.db);
      expect(rows.rows.map((r) => r.id)).toEqual(['kept']);
      await handle.close();
    } finally {
      await second.stop();
    }
  }, 120_000);
});
