// The weekly report shows example posts; the access log names who read them: a signed-in user who opens the report
// on the page Rapportage by their user name, an API key that fetches GET /api/v1/reports/weekly by id and name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import type { RawMention } from '../../services/ingest/raw-mention.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';
import { PageClient } from '../support/web.js';

const PASSWORD = 'een-lang-wachtwoord';
const HOUR = 3_600_000;
// Local midnight of Monday 18 January (week 3) and Monday 25 January 2021 (week 4).
const WEEK3 = Date.parse('2021-01-17T23:00:00Z');
const WEEK4 = Date.parse('2021-01-24T23:00:00Z');
const NEGATIVE = 'De avondklok is belachelijk en schandalig.';
const POSITIVE = 'Blij dat de avondklok er is, goed zo.';

let t: TestContext;
let api: Api;
let analystKey: { key: string; id: string };

/** The curfew turns negative from week 3 to week 4, so it is a notable topic with example posts. */
function posts(prefix: string, start: number, negativeEvery: number, negativeIs: boolean): RawMention[] {
  return Array.from({ length: 40 }, (_, i) =>
    raw({
      externalId: `${prefix}-${i}`,
      postedAt: new Date(start + (i % 6) * 24 * HOUR + 9 * HOUR + i * 60_000),
      text: (i % negativeEvery === 0) === negativeIs ? NEGATIVE : POSITIVE,
      author: `Jan Jansen ${i}`,
      reach: 1000 - i,
    }),
  );
}

/** The access-log rows of the example reads: who read (by name) and with which key. */
async function exampleReads(): Promise<{ actor: unknown; apiKeyId: string | null }[]> {
  const rows = await t.context.database.db
    .selectFrom('access_log')
    .select(['api_key_id', 'detail'])
    .where('action', '=', 'api.analyses.environment')
    .execute();
  return rows.map((row) => ({
    actor: (row.detail as { actor?: unknown }).actor,
    apiKeyId: row.api_key_id === null ? null : String(row.api_key_id),
  }));
}

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  await t.context.users.users.create({
    name: 'analist.noor',
    role: 'analyst',
    team: null,
    password: PASSWORD,
  });
  const created = await t.context.apiKeys.create('rapport-robot', 'analyst');
  analystKey = { key: created.key, id: String(created.record.id) };
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.ingest.ingest([...posts('before', WEEK3, 4, true), ...posts('after', WEEK4, 4, false)], {
    sourceId: 'obi4wan',
    sourceKind: 'obi4wan',
  });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('the read of the report’s example posts', () => {
  it('names the signed-in user when the report is opened on the page Rapportage', async () => {
    await t.context.database.db.deleteFrom('access_log').execute();
    const client = new PageClient(api);
    expect((await client.signIn('analist.noor', PASSWORD)).statusCode).toBe(303);
    const page = await client.get('/rapportage/bekijken?week=2021-W04');
    expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
    // The page did show example posts, so there was a read to log.
    expect(page.body).toContain(NEGATIVE);
    const reads = await exampleReads();
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toEqual({ actor: 'analist.noor', apiKeyId: null });
  });

  it('names the API key when the report is fetched from GET /api/v1/reports/weekly', async () => {
    await t.context.database.db.deleteFrom('access_log').execute();
    const response = await api.inject({
      method: 'GET',
      url: '/api/v1/reports/weekly?week=2021-W04',
      headers: { authorization: `Bearer ${analystKey.key}` },
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const reads = await exampleReads();
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toEqual({ actor: 'key:rapport-robot', apiKeyId: analystKey.id });
  }, 120_000);
});
