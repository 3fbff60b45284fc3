// `onderstroom start` with an `export-folder` source, as a user runs it: an OBI4wan export delivered into the
// watched folder (written under a partial name, then renamed, as an SFTP upload does) is imported once by the
// service's own scheduler and worker, moved to processed/ with its report, counted on the source, and listed by
// GET /api/v1/imports. The same export delivered again is not imported again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { assertBuilt, exited, freePort, ROOT, runCli, startCli, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { checkedFetch } from '../support/openapi.js';
import type { TestDatabase } from '../support/postgres.js';

const SAMPLE = path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv');

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;
let drop: string;

beforeAll(async () => {
  assertBuilt();
  drop = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-e2e-drop-'));
  ({ variables, database, dir } = await createTestEnv(
    `sources:\n  - id: sftp-obi4wan\n    kind: export-folder\n    path: ${drop}\n    preset: obi4wan\n` +
      `    settle: 1s\n    every: 500ms\n`,
  ));
});

afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(drop, { recursive: true, force: true });
});

async function key(role: string, env: Record<string, string>): Promise<string> {
  const created = await runCli(['keys', 'create', '--role', role, '--name', `e2e ${role}`, '--json'], env);
  expect(created.code).toBe(0);
  return (JSON.parse(created.stdout) as { key: string }).key;
}

async function mentionsStored(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('select count(*) as n from mentions');
    return Number(result.rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('onderstroom start with a watched export folder', () => {
  it('imports a delivered export once, moves it to processed/ with its report, and counts it on the source', async () => {
    const port = await freePort();
    const env = { ...variables, ONDERSTROOM_PORT: String(port) };
    const service = startCli(['start'], env);
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => {
        const response = await checkedFetch(`${base}/health`);
        return response.ok ? true : null;
      }, `the service to answer (output: ${service.output()})`);
      const analyst = await key('analyst', env);
      const admin = await key('admin', env);

      // The upload writes under a partial name and renames the whole file when it is done.
      const partial = path.join(drop, 'obi4wan-week3.csv.part');
      fs.copyFileSync(SAMPLE, partial);
      fs.renameSync(partial, path.join(drop, 'obi4wan-week3.csv'));

      const moved = path.join(drop, 'processed', 'obi4wan-week3.csv');
      await waitFor(
        () => Promise.resolve(fs.existsSync(`${moved}.report.json`) && fs.existsSync(moved) ? true : null),
        `the export to be imported and moved (output: ${service.output()})`,
        180_000,
      );
      expect(fs.readFileSync(moved)).toEqual(fs.readFileSync(SAMPLE));
      const report = JSON.parse(fs.readFileSync(`${moved}.report.json`, 'utf8')) as {
        outcome: string;
        importId: string;
        summary: Record<string, unknown>;
      };
      expect(report).toMatchObject({
        outcome: 'imported',
        summary: {
          state: 'done',
          preset: 'obi4wan',
          rows: 2000,
          imported: 2000,
          duplicates: 0,
          rejectedCount: 0,
        },
      });
      expect(fs.readdirSync(drop)).toEqual(['processed']);
      expect(await mentionsStored()).toBe(2000);

      const listed = await checkedFetch(`${base}/api/v1/imports`, {
        headers: { authorization: `Bearer ${analyst}` },
      });
      expect(listed.status).toBe(200);
      const imports = (await listed.json()) as Record<string, unknown>[];
      expect(imports).toEqual([
        expect.objectContaining({
          id: report.importId,
          state: 'done',
          origin: 'folder',
          file: 'obi4wan-week3.csv',
          requestedBy: 'folder:sftp-obi4wan',
          rows: 2000,
          imported: 2000,
        }),
      ]);

      const sources = async () => {
        const response = await checkedFetch(`${base}/api/v1/sources`, {
          headers: { authorization: `Bearer ${admin}` },
        });
        expect(response.status).toBe(200);
        const rows = (await response.json()) as Record<string, unknown>[];
        return rows.find((row) => row.id === 'sftp-obi4wan')!;
      };
      expect(await sources()).toMatchObject({ kind: 'export-folder', state: 'ok', items_stored: 2000 });

      // Delivered again (another name, a .done marker): the next listing moves it aside as the same content.
      fs.copyFileSync(SAMPLE, path.join(drop, 'obi4wan-week3-opnieuw.csv'));
      fs.writeFileSync(path.join(drop, 'obi4wan-week3-opnieuw.csv.done'), '');
      const again = path.join(drop, 'processed', 'obi4wan-week3-opnieuw.csv');
      await waitFor(
        () => Promise.resolve(fs.existsSync(`${again}.report.json`) ? true : null),
        `the second delivery to be moved (output: ${service.output()})`,
        60_000,
      );
      expect(JSON.parse(fs.readFileSync(`${again}.report.json`, 'utf8'))).toMatchObject({
        outcome: 'duplicate',
        duplicateOf: report.importId,
      });
      expect(await mentionsStored()).toBe(2000);
      const after = (await (
        await checkedFetch(`${base}/api/v1/imports`, { headers: { authorization: `Bearer ${analyst}` } })
      ).json()) as unknown[];
      expect(after).toHaveLength(1);
      expect(await sources()).toMatchObject({ state: 'ok', items_stored: 2000 });
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await exited(service.child)).toBe(0);
  });
});
