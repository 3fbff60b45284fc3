// Alert lifecycle against in-memory fakes of the alerts repository (with its outbox) and the unit of work: a failing
// source opens one alert once the configured count is reached and resolves it once; a measure version is one alert
// however often it is reported, written in the caller's transaction when given one; a series decision opens,
// updates, touches or resolves with one event and a delivery per channel, held back to the end of quiet hours.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAlertsRepository } from '../../test/fakes/memory/alerts.fake.js';
import { FakeClock } from '../../test/fakes/memory/clock.js';
import { FakeUnitOfWork } from '../../test/fakes/memory/unit-of-work.fake.js';
import type { AlertsConfig, RuleConfig } from '../config/alerts.schema.js';
import type { MeasureChange } from './alert-message.js';
import {
  AlertsService,
  MEASURE_CHANGE_RULE,
  SOURCE_FAILURE_RULE,
  type SeriesDecision,
} from './alerts.service.js';
import type { DetectionSeries } from './detection-series.js';
import type { WindowOutcome } from './rule.evaluator.js';

const CONFIG: AlertsConfig = {
  resolve_after: '1h',
  channels: [
    { id: 'teams-crisis', kind: 'teams', url: 'https://teams.example.nl/hook' },
    {
      id: 'mail-comms',
      kind: 'email',
      smtp_url_env: 'SMTP_URL',
      from: 'onderstroom@example.nl',
      to: ['comms@example.nl'],
    },
  ],
  source_failures: { after: 3, channels: ['mail-comms'] },
  measure_changes: { channels: ['teams-crisis', 'mail-comms'] },
};

const RULE: RuleConfig = {
  id: 'volume-spike',
  metric: 'volume',
  source: 'all',
  topic: 'mondkapjes',
  direction: 'spike',
  threshold: 0.5,
  min_volume: 20,
  window: '1h',
  cooldown: '3h',
  quiet_hours: '23:00-07:00',
  channels: ['teams-crisis'],
};
const SERIES: DetectionSeries = {
  key: 'volume:all:mondkapjes',
  metric: 'volume',
  source: 'all',
  topic: 'mondkapjes',
};
const OUTCOME: WindowOutcome = {
  bucket: Date.parse('2026-12-06T10:55:00Z'),
  spike: 0.9,
  drop: 0,
  spikeLevel: 0.9,
  dropLevel: 0,
  score: 0.9,
  observed: 120,
  expected: 40,
  volume: 120,
  expectedVolume: 40,
};

let clock: FakeClock;
let alerts: FakeAlertsRepository;
let unitOfWork: FakeUnitOfWork;
let opened: string[];
let service: AlertsService;

beforeEach(() => {
  // Sunday 6 December 2026, 12:00 in Amsterdam.
  clock = new FakeClock('2026-12-06T11:00:00Z');
  alerts = new FakeAlertsRepository();
  unitOfWork = new FakeUnitOfWork({ alerts });
  opened = [];
  service = new AlertsService(
    alerts,
    unitOfWork,
    {
      forSeries: () =>
        Promise.resolve({ terms: ['mondkapje'], examples: [], measure: null, link: 'https://grafana/d/x' }),
      link: (dashboard) => `https://grafana/d/${dashboard}`,
    },
    CONFIG,
    'Europe/Amsterdam',
    (id) => ({ mondkapjes: 'Mondkapjes' })[id] ?? id,
    clock.now,
    { alertOpened: (kind) => opened.push(kind) },
  );
});

function change(version: number): MeasureChange {
  return {
    measureId: 'nl-2026-12-07-mondkapjes',
    version,
    title: 'Maatregel: mondkapjes verplicht',
    headline: 'Mondkapjes verplicht in het ov',
    facts: [{ label: 'Ingang', value: '7 december 2026' }],
    measure: { title: 'Mondkapjes verplicht', level: 'national', date: '2026-12-07', url: null },
    link: null,
    at: clock.now(),
  };
}

function decision(
  type: SeriesDecision['decision'],
  open = alerts.all().find((a) => a.state === 'open') ?? null,
) {
  return {
    rule: RULE,
    series: SERIES,
    decision: type,
    outcome: OUTCOME,
    open,
    baseline: 'zelfde uur vorige week',
    at: clock.now(),
  };
}

describe('AlertsService: source failures', () => {
  it('opens one alert when the count is reached, resolves it once, and opens a new one on the next run of failures', async () => {
    expect(await service.sourceFailing({ id: 'mastodon-nl', kind: 'mastodon' }, 2, '503')).toBeNull();
    expect(alerts.all()).toEqual([]);

    const first = await service.sourceFailing(
      { id: 'mastodon-nl', kind: 'mastodon' },
      3,
      '503 Service Unavailable',
    );
    expect(first).toMatchObject({ type: 'opened' });
    expect(await service.sourceFailing({ id: 'mastodon-nl', kind: 'mastodon' }, 4, '503')).toBeNull();
    expect(alerts.all()).toMatchObject([
      {
        kind: 'source_failure',
        ruleId: SOURCE_FAILURE_RULE,
        seriesKey: 'source:mastodon-nl',
        state: 'open',
        observed: 3,
      },
    ]);
    expect(alerts.outbox()[0]!.deliveries).toMatchObject([
      { channelId: 'mail-comms', channelKind: 'email', state: 'pending', notBefore: clock.now() },
    ]);
    expect((alerts.outbox()[0]!.event.message as { headline: string }).headline).toBe(
      '3 keer achter elkaar mislukt: 503 Service Unavailable',
    );

    clock.advance(600_000);
    expect(await service.sourceRecovered('mastodon-nl')).toMatchObject({ type: 'resolved' });
    expect(await service.sourceRecovered('mastodon-nl')).toBeNull();
    expect(await service.sourceFailing({ id: 'mastodon-nl', kind: 'mastodon' }, 3, 'timeout')).toMatchObject({
      type: 'opened',
    });
    expect(alerts.all().map((a) => a.state)).toEqual(['resolved', 'open']);
    expect(opened).toEqual(['source_failure', 'source_failure']);
  });
});

describe('AlertsService.measureChanged', () => {
  it('is one alert per measure version however often it is reported, with a delivery per channel', async () => {
    expect(await service.measureChanged(change(1))).toMatchObject({ type: 'opened' });
    expect(await service.measureChanged(change(1))).toBeNull();
    expect(await service.measureChanged(change(2))).toMatchObject({ type: 'opened' });
    expect(alerts.all().map((a) => [a.ruleId, a.seriesKey])).toEqual([
      [MEASURE_CHANGE_RULE, 'measure:nl-2026-12-07-mondkapjes:v1'],
      [MEASURE_CHANGE_RULE, 'measure:nl-2026-12-07-mondkapjes:v2'],
    ]);
    expect(alerts.outbox().map(({ deliveries }) => deliveries.map((d) => d.channelId))).toEqual([
      ['teams-crisis', 'mail-comms'],
      ['teams-crisis', 'mail-comms'],
    ]);
    expect(opened).toEqual(['measure_change', 'measure_change']);
  });

  it('writes in the caller`s transaction when given one, opening none of its own', async () => {
    await unitOfWork.transaction((tx) => service.measureChanged(change(1), tx));
    expect(unitOfWork.outcomes).toEqual({ committed: 1, rolledBack: 0 });
    // The caller's transaction fails after the alert was written: the alert goes with it.
    await expect(
      unitOfWork.transaction(async (tx) => {
        await service.measureChanged(change(2), tx);
        throw new Error('the measure version could not be stored');
      }),
    ).rejects.toThrow('could not be stored');
    expect(alerts.all().map((a) => a.seriesKey)).toEqual(['measure:nl-2026-12-07-mondkapjes:v1']);
    expect(alerts.outbox()).toHaveLength(1);
  });
});

describe('AlertsService.applySeriesDecision', () => {
  it('opens with one event and holds its delivery back to the end of quiet hours', async () => {
    clock.set('2026-12-06T23:30:00Z'); // 00:30 in Amsterdam: quiet until 07:00.
    const event = await unitOfWork.transaction((tx) =>
      service.applySeriesDecision(tx, decision({ type: 'open', kind: 'spike' })),
    );
    expect(event).toMatchObject({ type: 'opened' });
    expect(alerts.all()).toMatchObject([
      {
        kind: 'spike',
        ruleId: 'volume-spike',
        seriesKey: SERIES.key,
        score: 0.9,
        observed: 120,
        expected: 40,
      },
    ]);
    const [{ deliveries, event: stored }] = alerts.outbox() as [
      ReturnType<FakeAlertsRepository['outbox']>[number],
    ];
    expect(deliveries).toMatchObject([
      { channelId: 'teams-crisis', notBefore: new Date('2026-12-07T06:00:00Z') },
    ]);
    expect(stored.message).toMatchObject({
      event: 'opened',
      terms: ['mondkapje'],
      baseline: 'zelfde uur vorige week',
    });
  });

  it('opens a question series as a question_spike', async () => {
    const questions: DetectionSeries = {
      key: 'questions:all:mondkapjes',
      metric: 'questions',
      source: 'all',
      topic: 'mondkapjes',
    };
    await unitOfWork.transaction((tx) =>
      service.applySeriesDecision(tx, { ...decision({ type: 'open', kind: 'spike' }), series: questions }),
    );
    expect(alerts.all().map((a) => a.kind)).toEqual(['question_spike']);
  });

  it('updates keeping the highest score, touches without a message, and resolves with a message', async () => {
    await unitOfWork.transaction((tx) =>
      service.applySeriesDecision(tx, decision({ type: 'open', kind: 'spike' })),
    );
    clock.advance(1_800_000);
    await unitOfWork.transaction((tx) =>
      service.applySeriesDecision(tx, {
        ...decision({ type: 'update' }),
        outcome: { ...OUTCOME, score: 0.7, observed: 150 },
      }),
    );
    expect(alerts.all()[0]).toMatchObject({ score: 0.9, observed: 150, version: 2 });

    clock.advance(300_000);
    expect(
      await unitOfWork.transaction((tx) => service.applySeriesDecision(tx, decision({ type: 'touch' }))),
    ).toBeNull();
    expect(alerts.all()[0]!.lastTriggeredAt).toEqual(clock.now());
    expect(
      await unitOfWork.transaction((tx) => service.applySeriesDecision(tx, decision({ type: 'none' }))),
    ).toBeNull();

    clock.advance(3_600_000);
    await unitOfWork.transaction((tx) => service.applySeriesDecision(tx, decision({ type: 'resolve' })));
    expect(alerts.all()[0]).toMatchObject({ state: 'resolved', resolvedAt: clock.now() });
    expect(alerts.outbox().map(({ event }) => event.type)).toEqual(['opened', 'updated', 'resolved']);
    // An update or resolve without an open alert does nothing.
    expect(
      await unitOfWork.transaction((tx) =>
        service.applySeriesDecision(tx, decision({ type: 'resolve' }, null)),
      ),
    ).toBeNull();
  });

  it('lists alerts with their own events and the deliveries of those events', async () => {
    await service.sourceFailing({ id: 'rss-gemeente', kind: 'rss' }, 3, '404');
    await service.measureChanged(change(1));
    const listed = await service.list({
      fromMs: 0,
      toMs: Date.parse('2027-01-01'),
      kind: null,
      state: null,
      limit: 10,
    });
    expect(listed.map((a) => [a.kind, a.events.length, a.deliveries.map((d) => d.channelId)])).toEqual([
      ['measure_change', 1, ['teams-crisis', 'mail-comms']],
      ['source_failure', 1, ['mail-comms']],
    ]);
    expect(await service.countOpen()).toBe(2);
    const acknowledged = await service.acknowledge(listed[0]!.id, 'coco');
    expect(acknowledged).toMatchObject({ acknowledgedBy: 'coco', acknowledgedAt: clock.now() });
  });
});
