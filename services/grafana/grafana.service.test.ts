import { describe, expect, it } from 'vitest';
import type { AlertWithHistory } from '../alerts/alerts.service.js';
import { EMPTY_SUMS } from '../series/series.js';
import { GrafanaService, type GrafanaServiceDeps } from './grafana.service.js';
import type { SourceRecord } from '../sources/source-state.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const TOPICS = [
  { id: 'avondklok', label: 'Avondklok' },
  { id: 'vaccinatie', label: 'Vaccinatie' },
];

/** A dependency with the methods the case at hand gives; any other method it reaches throws. */
function fake<T extends object>(name: string, methods: Partial<T> = {}): T {
  return new Proxy(methods, {
    get: (target, method) =>
      (target as Record<string | symbol, unknown>)[method] ??
      (() => {
        throw new Error(`${name}.${String(method)} was not expected`);
      }),
  }) as T;
}

function service(deps: Partial<GrafanaServiceDeps>): GrafanaService {
  return new GrafanaService({
    series: fake<GrafanaServiceDeps['series']>('series', { checkDimensions: () => undefined }),
    mentions: fake('mentions'),
    alerts: fake('alerts'),
    measures: fake('measures'),
    questions: fake('questions'),
    sources: fake('sources'),
    rollups: fake('rollups'),
    detection: fake('detection'),
    topics: TOPICS,
    timeZone: 'Europe/Amsterdam',
    now: () => NOW,
    ...deps,
  });
}

function source(fields: Partial<SourceRecord>): SourceRecord {
  return {
    id: 'mastodon-nl',
    kind: 'mastodon',
    enabled: true,
    state: 'ok',
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    itemsStored: 0,
    newestItemAt: null,
    nextPollAt: null,
    coverageFrom: null,
    ...fields,
  };
}

function alert(fields: Partial<AlertWithHistory>): AlertWithHistory {
  return {
    id: '1',
    kind: 'spike',
    ruleId: 'volume',
    seriesKey: 'volume|all|all',
    state: 'open',
    title: 'Piek',
    openedAt: new Date(NOW - 3_600_000),
    updatedAt: new Date(NOW - 3_600_000),
    resolvedAt: null,
    lastTriggeredAt: new Date(NOW - 3_600_000),
    acknowledgedAt: null,
    acknowledgedBy: null,
    score: 0.9,
    observed: 40,
    expected: 10,
    details: {},
    version: 1,
    late: false,
    events: [],
    deliveries: [],
    ...fields,
  };
}

describe('GrafanaService.sources', () => {
  it('gives the lag as the age of the newest item in whole seconds, never below zero', async () => {
    const grafana = service({
      sources: {
        kinds: () => Promise.resolve(['mastodon']),
        list: () =>
          Promise.resolve([
            source({ id: 'a', newestItemAt: new Date(NOW - 90_400), itemsStored: 7 }),
            source({ id: 'b', newestItemAt: new Date(NOW + 5_000) }),
            source({ id: 'c', newestItemAt: null, nextPollAt: new Date(NOW + 60_000) }),
          ]),
      },
    });
    const rows = await grafana.sources();
    expect(rows.map((row) => [row.id, row.lag_seconds, row.items, row.next_poll])).toEqual([
      ['a', 90, 7, null],
      ['b', 0, 0, null],
      ['c', null, 0, NOW + 60_000],
    ]);
  });
});

describe('GrafanaService.topics', () => {
  it('leaves out rollup rows of topics the taxonomy no longer has, and labels the rest', async () => {
    const grafana = service({
      rollups: {
        breakdown: () =>
          Promise.resolve([
            { ...EMPTY_SUMS, key: 'vaccinatie', n: 4, nNeg: 1, nPos: 3, scoreSum: 1000 },
            { ...EMPTY_SUMS, key: 'verdwenen', n: 9 },
          ]),
      },
    });
    const rows = await grafana.topics({ source: 'all', from: '2026-11-29', to: '2026-11-30' });
    expect(rows).toEqual([
      {
        topic: 'vaccinatie',
        label: 'Vaccinatie',
        volume: 4,
        negative_share: 0.25,
        positive_share: 0.75,
        mean_score: 0.25,
      },
    ]);
  });
});

describe('GrafanaService.annotations', () => {
  const alerts: GrafanaServiceDeps['alerts'] = {
    countOpen: () => Promise.resolve(0),
    list: () =>
      Promise.resolve([
        alert({
          id: '1',
          title: 'Piek avondklok',
          openedAt: new Date(NOW - 1_000),
          details: { topic: 'avondklok' },
          events: [
            {
              id: 'e1',
              alertId: '1',
              type: 'opened',
              at: new Date(NOW - 1_000),
              message: { headline: 'Eerst' },
            },
            {
              id: 'e2',
              alertId: '1',
              type: 'updated',
              at: new Date(NOW - 500),
              message: { headline: 'Laatst' },
            },
          ] as AlertWithHistory['events'],
        }),
        alert({ id: '2', title: 'Piek vaccinatie', details: { topic: 'vaccinatie' } }),
      ]),
  };
  const measures = fake<GrafanaServiceDeps['measures']>('measures', {
    annotations: () =>
      Promise.resolve([
        { time: NOW - 7_200_000, timeEnd: null, title: 'Maatregel', text: '', tags: 'maatregel' },
      ]),
  });

  it('keeps the alerts of the topic asked for, with the last headline, after the measures in time order', async () => {
    const rows = await service({ alerts, measures }).annotations({ kind: 'all', topic: 'avondklok' });
    expect(rows.map((row) => [row.title, row.text, row.tags])).toEqual([
      ['Maatregel', '', 'maatregel'],
      ['Piek avondklok', 'Laatst', 'melding,spike,avondklok'],
    ]);
  });

  it('answers measures only without reading alerts', async () => {
    const rows = await service({ measures }).annotations({ kind: 'measures', topic: 'all' });
    expect(rows.map((row) => row.title)).toEqual(['Maatregel']);
  });
});

describe('GrafanaService.measures', () => {
  it("reads every level when Grafana sends the level variable empty or 'all'", async () => {
    const levels: unknown[] = [];
    const grafana = service({
      measures: fake<GrafanaServiceDeps['measures']>('measures', {
        list: (filter) => {
          levels.push(filter.level);
          return Promise.resolve([]);
        },
      }),
    });
    await grafana.measures({ level: '', topic: 'all' });
    await grafana.measures({ level: 'all', topic: 'all' });
    await grafana.measures({ level: 'municipal', topic: 'all' });
    expect(levels).toEqual([null, null, 'municipal']);
  });
});
