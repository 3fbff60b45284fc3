import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards } from './dashboards.js';
import { GENERATED_DIR, repositoryRoot } from './generated.files.js';
import { dashboardQueries, expandQueryUrl, listQueries } from './query.catalogue.js';
import { PROMETHEUS_UID } from './prometheus.js';

const queries = listQueries();

describe('listQueries', () => {
  it('finds at least one query in every panel of every dashboard that reads the API', () => {
    for (const dashboard of buildDashboards()) {
      for (const panel of dashboard.panels ?? []) {
        // Beheer's panels read Prometheus (prometheus.config.test.ts checks them), not the API.
        if ('datasource' in panel && panel.datasource?.uid === PROMETHEUS_UID) continue;
        const title = 'title' in panel ? panel.title : undefined;
        const found = queries.filter((q) => q.dashboardUid === dashboard.uid && q.panelTitle === title);
        expect(found.length, `${dashboard.uid} "${title}"`).toBeGreaterThan(0);
      }
    }
  });

  it('names each query uniquely by dashboard, origin, title and refId', () => {
    const keys = queries.map((q) => `${q.dashboardUid}|${q.origin}|${q.panelTitle}|${q.refId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads the same queries from the committed JSON as from the builders', () => {
    const dir = path.join(repositoryRoot(), GENERATED_DIR);
    const committed = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>);
    const key = (q: { dashboardUid: string; url: string; refId: string }) =>
      `${q.dashboardUid} ${q.refId} ${q.url}`;
    const fromFiles = dashboardQueries(committed).map(key).sort();
    const fromBuild = queries
      .filter((q) => q.origin !== 'alert-rule')
      .map(key)
      .sort();
    expect(fromFiles).toEqual(fromBuild);
  });

  it("lists a custom variable's values and leaves API-listed ones open", () => {
    const series = queries.find(
      (q) => q.dashboardUid === 'onderstroom-overzicht' && q.url.includes('metric=volume'),
    );
    expect(series?.variables).toEqual({ source: null, topic: null, interval: ['auto', '5m', '1h', '1d'] });
  });
});

describe('the Vragen dashboard', () => {
  const vragen = queries.filter((q) => q.dashboardUid === 'onderstroom-vragen' && q.origin === 'panel');
  const params = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));

  it('puts questions per day beside the negative share online of the same topic', () => {
    const questions = vragen.find((q) => q.panelTitle === 'Vragen per dag')!;
    expect(params(questions.url)).toMatchObject({ metric: 'questions', topic: '${topic}', interval: '1d' });
    expect(params(questions.url)).not.toHaveProperty('source');
    expect(questions.variables.channel).toEqual([
      'all',
      'telefoon',
      'e-mail',
      'balie',
      'webformulier',
      'social',
    ]);
    const online = vragen.find((q) => q.panelTitle === 'Aandeel negatief online per dag')!;
    expect(params(online.url)).toMatchObject({
      metric: 'negative_share',
      source: 'all',
      topic: '${topic}',
      interval: '1d',
    });
    expect(params(online.url)).not.toHaveProperty('channel');
  });

  it('reads the team figures, counts only', () => {
    const paths = vragen.map((q) => q.url.split('?')[0]).sort();
    expect(paths).toEqual([
      '/grafana/questions/answer-times',
      '/grafana/questions/teams',
      '/grafana/series',
      '/grafana/series',
      '/grafana/series/breakdown',
    ]);
    const perTopic = vragen.find((q) => q.panelTitle === 'Vragen per onderwerp per dag')!;
    expect(params(perTopic.url)).toMatchObject({ by: 'topic', metric: 'questions', channel: '${channel}' });
    for (const query of vragen) expect(query.columns.map((c) => c.selector)).not.toContain('text');
  });
});

describe('expandQueryUrl', () => {
  it("fills Grafana's markers, encoded", () => {
    const url = '/grafana/series?metric=volume&source=${source}&from=${__from}&to=${__to}&topic=${topic:raw}';
    expect(expandQueryUrl(url, { source: 'all', __from: 1, __to: 2, topic: 'a b' })).toBe(
      '/grafana/series?metric=volume&source=all&from=1&to=2&topic=a%20b',
    );
  });

  it('refuses to leave a marker unfilled', () => {
    expect(() => expandQueryUrl('/grafana/series?source=${source}', {})).toThrow(/\$\{source\}/);
  });

  it('can fill every shipped query with the values an integration test would use', () => {
    const values = { __from: 0, __to: 1, source: 'all', topic: 'all', interval: 'auto', channel: 'all' };
    for (const query of queries) expect(expandQueryUrl(query.url, values)).not.toMatch(/\$\{/);
  });
});
