// Every query of every panel, annotation, variable and alert rule that the dashboards ship, run against the API with
// seeded data: each answers 200 with rows that carry the columns it declares, of the declared types.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { expandQueryUrl, listQueries } from '../../dashboards/src/query.catalogue.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

const FROM = Date.parse('2021-01-01T00:00:00Z');
const TO = Date.parse('2021-02-01T00:00:00Z');
const TEXTS = [
  'De avondklok is belachelijk, wat een onzin.',
  'Fijn dat de scholen weer open gaan!',
  'Mondkapjes in de winkel blijven verplicht.',
  'Goed geregeld met de coronatoegangsbewijzen in de horeca.',
];

let t: TestContext;
let api: Api;
let key: string;

beforeAll(async () => {
  t = await createTestContext('alerts:\n  source_failures: { after: 1 }\n');
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  const items = [];
  for (let at = FROM, i = 0; at < TO; at += 20 * 60_000, i++) {
    items.push(
      raw({ externalId: `g${i}`, postedAt: new Date(at), text: TEXTS[i % TEXTS.length]!, reach: i % 500 }),
    );
  }
  await t.context.ingest.ingest(items, { sourceId: 'obi4wan', sourceKind: 'obi4wan' });
  await t.context.measures.timeline.loadFile(
    path.resolve(import.meta.dirname, '../../services/measures/seed/nl-corona-measures-2020-2022.yaml'),
  );
  await t.context.detection.tick(new Date(TO));
  await t.context.alerts.sourceFailing({ id: 'mastodon-huizen', kind: 'mastodon' }, 1, 'HTTP 503');
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  key = (await t.context.apiKeys.create('grafana-test', 'analyst')).key;
}, 120_000);

afterAll(async () => {
  await api.close();
  await t.close();
});

const TYPE_CHECK: Record<string, (value: unknown) => boolean> = {
  timestamp_epoch: (v) => v === null || typeof v === 'number',
  timestamp: (v) => v === null || typeof v === 'number' || typeof v === 'string',
  number: (v) => v === null || typeof v === 'number',
  string: (v) => v === null || typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
};

describe('the shipped Grafana queries', () => {
  const queries = listQueries();

  it('are many, from every dashboard and the alert rules', () => {
    expect(new Set(queries.map((q) => q.dashboardUid)).size).toBe(5);
    expect(queries.some((q) => q.origin === 'alert-rule')).toBe(true);
  });

  for (const variables of [
    { source: 'all', topic: 'all' },
    { source: 'obi4wan', topic: 'avondklok', channel: 'telefoon' },
  ]) {
    it(`answer with their declared columns (source=${variables.source}, topic=${variables.topic})`, async () => {
      const empty: string[] = [];
      for (const query of queries) {
        const url = expandQueryUrl(query.url, {
          __from: FROM,
          __to: TO,
          interval: '1h',
          channel: 'all',
          ...variables,
        });
        const response = await api.inject({ url, headers: { authorization: `Bearer ${key}` } });
        expect(
          response.statusCode,
          `${query.dashboardUid} / ${query.panelTitle}: ${url}\n${response.body}`,
        ).toBe(200);
        const rows = response.json<Record<string, unknown>[]>();
        expect(Array.isArray(rows), url).toBe(true);
        if (rows.length === 0) empty.push(`${query.panelTitle} (${url})`);
        for (const row of rows.slice(0, 50)) {
          for (const column of query.columns) {
            expect(Object.hasOwn(row, column.selector), `${url}: column ${column.selector} missing`).toBe(
              true,
            );
            const check = TYPE_CHECK[column.type];
            expect(check, `unknown column type ${column.type}`).toBeDefined();
            expect(
              check!(row[column.selector]),
              `${url}: ${column.selector} = ${JSON.stringify(row[column.selector])} is not ${column.type}`,
            ).toBe(true);
          }
        }
      }
      // Only alert rows may be empty for a month in 2021: the one open alert was raised now.
      expect(empty.filter((e) => !/kind=alerts|\/grafana\/alerts/.test(e))).toEqual([]);
    });
  }
});
