// End to end, as a user runs it: the built CLI imports an export, starts the service, creates keys,
// and the API serves what was imported. Each run gets its own database, data folder and queue prefix.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exited, freePort, ROOT, runCli, startCli, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import { checkedFetch } from '../support/openapi.js';

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;
const sample = path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv');

beforeAll(async () => {
  assertBuilt();
  ({ variables, database, dir } = await createTestEnv());
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  file: string;
  preset: string;
  rows: number;
  imported: number;
  duplicates: number;
  rejected: { row: number; reason: string }[];
  seconds: number;
}

describe('onderstroom import', () => {
  it('imports the sample export, and a second import adds nothing', async () => {
    const first = await runCli(['import', sample, '--json'], variables);
    expect(first.stderr).not.toMatch(/onderstroom: /);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Summary;
    expect(Object.keys(summary).sort()).toEqual([
      'duplicates',
      'file',
      'imported',
      'pastRetention',
      'preset',
      'rejected',
      'repeatedRows',
      'rows',
      'seconds',
    ]);
    expect(summary.preset).toBe('obi4wan');
    expect(summary.rows).toBeGreaterThan(1000);
    expect(summary.imported + summary.duplicates + summary.rejected.length).toBe(summary.rows);
    expect(summary.imported).toBeGreaterThan(summary.rows * 0.9);

    const second = JSON.parse((await runCli(['import', sample, '--json'], variables)).stdout) as Summary;
    expect(second.imported).toBe(0);
    expect(second.duplicates).toBe(summary.imported);

    const listed = JSON.parse((await runCli(['imports', 'list', '--json'], variables)).stdout) as {
      status: string;
      imported: number;
      duplicates: number;
    }[];
    expect(listed.slice(0, 2)).toMatchObject([
      { status: 'done', imported: 0, duplicates: summary.imported },
      { status: 'done', imported: summary.imported },
    ]);
  });

  it('prints a readable summary, and a clear error for a file it cannot read', async () => {
    const text = await runCli(['import', sample, '--preset', 'obi4wan'], variables);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/rows read\s+\d+/);
    expect(text.stdout).toMatch(/duplicates skipped\s+\d+/);
    const missing = await runCli(['import', path.join(dir, 'nope.csv')], variables);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv/);
  });
});

describe('onderstroom start', () => {
  it('serves the imported series with a key made by the CLI, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = { ...variables, ONDERSTROOM_PORT: String(port) };
    const service = startCli(['start'], env);
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await waitFor(async () => {
        const response = await checkedFetch(`${base}/health`);
        return response.ok ? ((await response.json()) as Record<string, string>) : null;
      }, `the API to answer (output: ${service.output()})`);
      expect(health).toMatchObject({
        status: 'ok',
        database: 'ok',
        redis: 'ok',
        scheduler: { status: 'ok' },
      });

      const created = await runCli(
        ['keys', 'create', '--role', 'viewer', '--name', 'grafana', '--json'],
        env,
      );
      expect(created.code).toBe(0);
      const { key, role } = JSON.parse(created.stdout) as { key: string; role: string };
      expect(role).toBe('viewer');

      const response = await checkedFetch(
        `${base}/api/v1/series?metric=volume&from=2020-01-01T00:00:00Z&to=2023-01-01T00:00:00Z&interval=1d`,
        {
          headers: { authorization: `Bearer ${key}` },
        },
      );
      expect(response.status).toBe(200);
      const rows = (await response.json()) as { time: number; value: number }[];
      const total = rows.reduce((sum, row) => sum + row.value, 0);
      const imported = JSON.parse((await runCli(['import', sample, '--json'], env)).stdout) as Summary;
      expect(total).toBe(imported.duplicates);
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await exited(service.child)).toBe(0);
  });

  it('exits with a clear message when Redis is not running', async () => {
    const result = await runCli(
      ['start'],
      { ...variables, REDIS_URL: 'redis://127.0.0.1:1' },
      { timeoutMs: 30_000 },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Redis is not reachable at redis:\/\/127\.0\.0\.1:1/);
    expect(result.stderr).toMatch(/redis-server/);
  });

  it('lists every configuration problem before starting anything', async () => {
    const config = path.join(dir, 'bad.yaml');
    fs.writeFileSync(config, 'privacy:\n  retention_days: -1\nunknown: 1\n');
    const result = await runCli(['start'], {
      ...variables,
      ONDERSTROOM_CONFIG: config,
      ONDERSTROOM_PORT: 'x',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ONDERSTROOM_PORT must be a port number/);
  });
});
