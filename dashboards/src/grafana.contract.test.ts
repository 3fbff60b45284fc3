import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractProblems, parseGrafanaContract } from './grafana.contract.js';
import { repositoryRoot } from './generated.files.js';
import { listQueries } from './query.catalogue.js';

const README = path.join(repositoryRoot(), 'services/api/routes/grafana/README.md');
const contract = parseGrafanaContract(fs.readFileSync(README, 'utf8'));
const queries = listQueries();

const SAMPLE = `
Common query parameters:
- \`from\`, \`to\`: epoch milliseconds or ISO 8601.
- \`source\`: a source kind (\`obi4wan\`, ...) or \`all\` (default).
- \`interval\`: \`5m\`, \`1h\` or \`auto\` (default; the finest that fits).

| endpoint | rows |
|---|---|
| \`/grafana/series?metric=&source=&from=&to=&interval=\` | \`{time, value}\` per bucket; \`metric\` is \`volume\`, \`reach\` or \`anomaly\`. |
| \`/grafana/series/breakdown?by=source\\|topic&from=\` | \`{time, key, value}\` long format. |
| \`/grafana/variables/topics\` | \`{value, text}\`, first \`{value: "all", text: "Alle"}\`. |
`;

describe('parseGrafanaContract', () => {
  const sample = parseGrafanaContract(SAMPLE);

  it('reads paths, parameters and row keys from the table', () => {
    expect([...sample.keys()]).toEqual([
      '/grafana/series',
      '/grafana/series/breakdown',
      '/grafana/variables/topics',
    ]);
    expect(sample.get('/grafana/series')?.columns).toEqual(['time', 'value']);
    expect(sample.get('/grafana/variables/topics')?.columns).toEqual(['value', 'text']);
    expect(sample.get('/grafana/variables/topics')?.params.size).toBe(0);
  });

  it('takes allowed values from a|b, from "`x` is ..." and from the common list; the rest stay open', () => {
    const series = sample.get('/grafana/series')!.params;
    expect(series.get('metric')).toEqual(['volume', 'reach', 'anomaly']);
    expect(series.get('interval')).toEqual(['5m', '1h', 'auto']);
    expect(series.get('source')).toBeNull();
    expect(series.get('from')).toBeNull();
    expect(sample.get('/grafana/series/breakdown')!.params.get('by')).toEqual(['source', 'topic']);
  });

  it('reads a common parameter after one whose text wraps onto an indented line', () => {
    const wrapped = parseGrafanaContract(
      [
        'Common query parameters:',
        '- `from`, `to`: epoch milliseconds, or a date alone (a local day in',
        '  the configured `timezone`).',
        '- `channel`: `all` or `balie` (questions only).',
        '',
        '| endpoint | rows |',
        '|---|---|',
        '| `/grafana/series?channel=&from=` | `{time, value}` |',
      ].join('\n'),
    );
    expect(wrapped.get('/grafana/series')?.params.get('channel')).toEqual(['all', 'balie']);
    expect(wrapped.get('/grafana/series')?.params.get('from')).toBeNull();
  });

  it('finds every endpoint of the real contract, each with row keys', () => {
    expect(contract.size).toBeGreaterThanOrEqual(12);
    for (const endpoint of contract.values())
      expect(endpoint.columns.length, endpoint.path).toBeGreaterThan(0);
    expect(contract.get('/grafana/series')?.params.get('metric')).toContain('anomaly');
    expect(contract.get('/grafana/series')?.params.get('metric')).toContain('questions');
    expect(contract.get('/grafana/series')?.params.get('channel')).toEqual([
      'all',
      'telefoon',
      'e-mail',
      'balie',
      'webformulier',
      'social',
    ]);
    expect(contract.get('/grafana/questions/teams')?.columns).toEqual(['team', 'name', 'open', 'overdue']);
    expect(contract.get('/grafana/questions/answer-times')?.params.has('from')).toBe(true);
  });
});

describe('contractProblems', () => {
  const ok = { url: '/grafana/series?metric=volume&interval=${i}', columns: [{ selector: 'value' }] };
  const sample = parseGrafanaContract(SAMPLE);

  it('accepts a conforming query', () => {
    expect(contractProblems(ok, sample, { i: ['5m', 'auto'] })).toEqual([]);
  });

  it('names each kind of drift', () => {
    expect(contractProblems({ url: '/grafana/nope', columns: [] }, sample)).toEqual([
      '/grafana/nope is not an endpoint of the contract',
    ]);
    expect(contractProblems({ ...ok, url: '/grafana/series?metrc=volume' }, sample)).toEqual([
      '/grafana/series: parameter metrc is not in the contract',
    ]);
    expect(contractProblems({ ...ok, url: '/grafana/series?metric=mood' }, sample)).toEqual([
      '/grafana/series: metric=mood is not one of volume, reach, anomaly',
    ]);
    expect(contractProblems({ ...ok, columns: [{ selector: 'score' }] }, sample, { i: ['auto'] })).toEqual([
      '/grafana/series: column score is not in the contract',
    ]);
    expect(contractProblems(ok, sample, { i: ['auto', '1d'] })).toEqual([
      '/grafana/series: $i can be 1d, not a valid interval',
    ]);
    expect(contractProblems(ok, sample, { i: null })).toEqual([
      '/grafana/series: interval takes 5m, 1h, auto but is fed by $i, whose values are open',
    ]);
    expect(contractProblems({ ...ok, url: '/grafana/series?from=1&from=2' }, sample)).toEqual([
      '/grafana/series: parameter from given twice',
    ]);
  });
});

describe('every shipped Infinity query keeps to services/api/routes/grafana/README.md', () => {
  it('there are queries from panels, annotations, variables and alert rules', () => {
    const origins = new Set(queries.map((q) => q.origin));
    expect([...origins].sort()).toEqual(['alert-rule', 'annotation', 'panel', 'variable']);
  });

  it.each(queries.map((q) => [`${q.dashboardUid} ${q.origin} "${q.panelTitle}" ${q.refId}`, q] as const))(
    '%s',
    (_name, query) => {
      expect(contractProblems(query, contract, query.variables)).toEqual([]);
    },
  );

  it("passes Grafana's time range as from/to wherever a query is time-bound", () => {
    for (const query of queries) {
      const params = new URLSearchParams(query.url.split('?')[1] ?? '');
      const label = `${query.dashboardUid} "${query.panelTitle}"`;
      if (query.format === 'timeseries' || params.has('from') || params.has('to')) {
        expect(params.get('from'), label).toBe('${__from}');
        expect(params.get('to'), label).toBe('${__to}');
      }
    }
  });

  it('annotation queries declare the annotation fields, variable queries value and text', () => {
    for (const query of queries.filter((q) => q.origin === 'annotation')) {
      expect(query.columns.map((c) => c.selector)).toEqual(['time', 'timeEnd', 'title', 'text', 'tags']);
    }
    for (const query of queries.filter((q) => q.origin === 'variable')) {
      expect(query.columns.map((c) => c.selector)).toEqual(['value', 'text']);
    }
  });

  it('time columns are epoch milliseconds, as the contract promises', () => {
    for (const query of queries) {
      for (const column of query.columns.filter((c) => c.type === 'timestamp_epoch')) {
        expect(['time', 'timeEnd', 'last_success', 'last_error_at', 'next_poll']).toContain(column.selector);
      }
      const time = query.columns.find((c) => c.selector === 'time');
      if (time !== undefined) expect(time.type).toBe('timestamp_epoch');
    }
  });
});
