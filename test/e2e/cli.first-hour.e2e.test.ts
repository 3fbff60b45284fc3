// What a new user meets in the first hour, run through the built CLI: the version, a database that is not
// running, and an import with an alert channel whose secret is not set yet.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  assertBuilt();
  ({ variables, database, dir } = await createTestEnv());
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the first hour', () => {
  it('prints the version of package.json', async () => {
    const result = await runCli(['--version'], variables);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('says which database is unreachable, without its password, and how to start one', async () => {
    const result = await runCli(['keys', 'list'], {
      ...variables,
      DATABASE_URL: 'postgres://tour:geheim@127.0.0.1:1/onderstroom',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /PostgreSQL is not reachable at postgres:\/\/tour:\*\*\*@127\.0\.0\.1:1\/onderstroom/,
    );
    expect(result.stderr).toMatch(/ECONNREFUSED/);
    expect(result.stderr).toMatch(/pg_ctlcluster|docker compose up -d postgres/);
    expect(result.stderr).not.toMatch(/geheim/);
  });

  it('imports while an alert channel has no secret yet; start still refuses it', async () => {
    const config = path.join(dir, 'channel-without-secret.yaml');
    fs.writeFileSync(
      config,
      'alerts:\n  channels:\n    - id: crisisteam\n      kind: teams\n      url_env: ONDERSTROOM_TEST_UNSET_TEAMS_URL\n',
    );
    const sample = fs
      .readFileSync(path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv'), 'utf8')
      .split('\n')
      .slice(0, 21)
      .join('\n');
    const file = path.join(dir, 'twenty.csv');
    fs.writeFileSync(file, `${sample}\n`);
    const env = { ...variables, ONDERSTROOM_CONFIG: config };
    const imported = await runCli(['import', file, '--json'], env);
    expect(imported.stderr).not.toMatch(/onderstroom: /);
    expect(imported.code).toBe(0);
    expect((JSON.parse(imported.stdout) as { imported: number }).imported).toBeGreaterThan(0);

    const started = await runCli(['start'], env, { timeoutMs: 30_000 });
    expect(started.code).toBe(1);
    expect(started.stderr).toMatch(/ONDERSTROOM_TEST_UNSET_TEAMS_URL/);
  });
});
