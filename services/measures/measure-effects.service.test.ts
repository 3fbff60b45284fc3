// The effects service against an in-memory fake of the measures repository: which windows it reads (the same
// local hours in earlier weeks, also across a clock change), how it turns their sums into the effect, and what
// it refuses. The arithmetic itself is tested in effect.analysis.test.ts.
import { describe, expect, it } from 'vitest';
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import { EMPTY_SUMS, type Sums } from '../series/series.js';
import { startOfLocalDay } from '../time/zoned-time.js';
import { Z_95 } from './effect.analysis.js';
import type { Measure, MeasureDirection, MeasureFilter, WindowBounds, WindowSums } from './measure.js';
import { DEFAULT_EFFECT, MeasureEffectsService, type EffectOptions } from './measure-effects.service.js';
import { createMeasureLister } from './measure-list.js';

const TZ = 'Europe/Amsterdam';
const at = (iso: string) => new Date(iso).getTime();

/** Holds measures and rollup buckets, and answers the repository's reads the way its SQL does. */
class FakeMeasures implements Pick<
  MeasuresRepository,
  'get' | 'list' | 'windowSums' | 'questionWindowCounts'
> {
  readonly measures: Measure[] = [];
  private readonly mentions: { sourceKind: string; topic: string; ms: number; sums: Sums }[] = [];
  private readonly questions: { topic: string; ms: number; n: number }[] = [];

  addMeasure(
    id: string,
    effectiveFrom: string,
    topics: string[],
    direction: MeasureDirection = 'tightening',
  ) {
    this.measures.push({
      id,
      version: 1,
      level: 'national',
      region: null,
      municipality: null,
      title: id,
      summary: null,
      announcedOn: null,
      effectiveFrom,
      effectiveUntil: null,
      topics,
      direction,
      sourceUrl: null,
      sources: [],
      verified: true,
      note: null,
      origin: 'file',
      sourceId: null,
      externalId: null,
      publicationHash: null,
      contentHash: id,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
  }

  /** A 5-minute bucket of one series, as the rollups hold it (the `all` series is a row of its own). */
  addMentions(iso: string, n: number, options: { topic?: string; nNeg?: number; sourceKind?: string } = {}) {
    const nNeg = options.nNeg ?? 0;
    this.mentions.push({
      sourceKind: options.sourceKind ?? 'all',
      topic: options.topic ?? 'all',
      ms: at(iso),
      sums: { ...EMPTY_SUMS, n, nNeg, nNeu: n - nNeg },
    });
  }

  addQuestions(iso: string, n: number, topic = 'all') {
    this.questions.push({ topic, ms: at(iso), n });
  }

  get(id: string): Promise<Measure | null> {
    return Promise.resolve(this.measures.find((m) => m.id === id) ?? null);
  }

  /** Measures that take effect in [from, to) with any of the topics (the stated-period overlap is not needed here). */
  list(filter: MeasureFilter): Promise<Measure[]> {
    const rows = this.measures.filter((m) => {
      const start = startOfLocalDay(m.effectiveFrom, filter.timezone);
      return (
        (filter.fromMs === null || start >= filter.fromMs) &&
        (filter.toMs === null || start < filter.toMs) &&
        (filter.direction === null || m.direction === filter.direction) &&
        (filter.topics === null || m.topics.some((t) => filter.topics!.includes(t)))
      );
    });
    return Promise.resolve(rows.slice(0, filter.limit));
  }

  windowSums(
    sourceKind: string,
    topics: readonly string[],
    windows: readonly WindowBounds[],
  ): Promise<WindowSums[]> {
    return Promise.resolve(
      windows.map((w) => {
        const byTopic = new Map<string, Sums>();
        for (const bucket of this.mentions) {
          if (bucket.sourceKind !== sourceKind || !topics.includes(bucket.topic)) continue;
          if (bucket.ms < w.fromMs || bucket.ms >= w.toMs) continue;
          const sum = byTopic.get(bucket.topic) ?? EMPTY_SUMS;
          byTopic.set(bucket.topic, {
            ...sum,
            n: sum.n + bucket.sums.n,
            nNeg: sum.nNeg + bucket.sums.nNeg,
            nNeu: sum.nNeu + bucket.sums.nNeu,
          });
        }
        return { byTopic };
      }),
    );
  }

  questionWindowCounts(topic: string, windows: readonly WindowBounds[]): Promise<number[]> {
    return Promise.resolve(
      windows.map((w) =>
        this.questions
          .filter((q) => q.topic === topic && q.ms >= w.fromMs && q.ms < w.toMs)
          .reduce((sum, q) => sum + q.n, 0),
      ),
    );
  }
}

const TOPICS: Record<string, string> = {
  mondkapjes: 'mondkapjes',
  mondkapje: 'mondkapjes',
  horeca: 'horeca',
};
const resolveTopic = (id: string) => TOPICS[id] ?? null;

function service(fake: FakeMeasures, now: string) {
  return new MeasureEffectsService({
    repository: fake,
    measures: createMeasureLister(fake, resolveTopic, TZ),
    resolveTopic,
    topicIds: ['mondkapjes', 'horeca'],
    timezone: TZ,
    now: () => new Date(now),
  });
}

const options = (overrides: Partial<EffectOptions> = {}): EffectOptions => ({
  ...DEFAULT_EFFECT,
  ...overrides,
});

/**
 * A measure on Wednesday 1 April 2026, three days after the clock went forward: local midnight is 22:00 UTC
 * the evening before, but 23:00 UTC in the two earlier weeks. Mentions triple against those weeks; KCC
 * questions double.
 */
function aprilFirst(): FakeMeasures {
  const fake = new FakeMeasures();
  fake.addMeasure('m-april', '2026-04-01', ['mondkapjes']);
  fake.addMentions('2026-03-31T10:00:00Z', 100, { nNeg: 20 });
  fake.addMentions('2026-04-01T10:00:00Z', 300, { nNeg: 90 });
  // A week earlier, half an hour after local midnight: in the after window only when it is local midnight.
  fake.addMentions('2026-03-24T10:00:00Z', 100, { nNeg: 20 });
  fake.addMentions('2026-03-24T23:30:00Z', 100, { nNeg: 20 });
  fake.addMentions('2026-03-17T10:00:00Z', 100, { nNeg: 20 });
  fake.addMentions('2026-03-18T10:00:00Z', 100, { nNeg: 20 });
  fake.addQuestions('2026-03-31T09:00:00Z', 10);
  fake.addQuestions('2026-04-01T09:00:00Z', 40);
  fake.addQuestions('2026-03-24T09:00:00Z', 10);
  fake.addQuestions('2026-03-24T23:10:00Z', 20);
  fake.addQuestions('2026-03-17T09:00:00Z', 10);
  fake.addQuestions('2026-03-18T09:00:00Z', 20);
  return fake;
}

describe('MeasureEffectsService', () => {
  it('compares with the same local hours of earlier weeks, also across a clock change', async () => {
    const report = await service(aprilFirst(), '2026-05-01T00:00:00Z').effect(
      'm-april',
      options({ weeks: 2 }),
    );
    expect(report.at).toBe(at('2026-03-31T22:00:00Z'));
    expect(report.windows.before).toEqual({
      fromMs: at('2026-03-29T22:00:00Z'),
      toMs: at('2026-03-31T22:00:00Z'),
    });
    expect(report.windows.after.toMs).toBe(at('2026-04-02T22:00:00Z'));
    expect(report.complete).toBe(true);
    const volume = report.effect.volume;
    expect(volume).toMatchObject({
      weeks: 2,
      before: 100,
      after: 300,
      expectedBefore: 100,
      expectedAfter: 100,
    });
    expect(volume.basis).toBe('earlier_weeks');
    expect(volume.ratio).toBeCloseTo(3, 12);
    const se = Math.sqrt(1 / 300 + 1 / 200 + 1 / 100 + 1 / 200);
    expect(volume.low).toBeCloseTo(3 * Math.exp(-Z_95 * se), 12);
    expect(volume.high).toBeCloseTo(3 * Math.exp(Z_95 * se), 12);
    // Negative share 0.2 before and in earlier weeks, 0.3 after: a shift of +0.1.
    expect(report.effect.sentiment.shift).toBeCloseTo(0.1, 12);
  });

  it('measures KCC question volume in the same windows, whatever the source', async () => {
    const fake = aprilFirst();
    const report = await service(fake, '2026-05-01T00:00:00Z').effect(
      'm-april',
      options({ weeks: 2, source: 'mastodon' }),
    );
    // No mentions from that source, so no volume ratio; the questions still count.
    expect(report.effect.volume.ratio).toBeNull();
    const questions = report.effect.questions!;
    expect(questions.basis).toBe('earlier_weeks');
    expect(questions.ratio).toBeCloseTo(2, 12);
    const se = Math.sqrt(1 / 40 + 1 / 40 + 1 / 10 + 1 / 20);
    expect(questions.low).toBeCloseTo(2 * Math.exp(-Z_95 * se), 12);
  });

  it('measures a topic on its own series, and topic growth on shares of all mentions', async () => {
    const fake = new FakeMeasures();
    fake.addMeasure('m', '2026-04-01', ['mondkapjes']);
    fake.addMentions('2026-03-31T10:00:00Z', 100);
    fake.addMentions('2026-03-31T10:00:00Z', 10, { topic: 'mondkapjes' });
    fake.addMentions('2026-03-31T10:00:00Z', 50, { topic: 'horeca' });
    fake.addMentions('2026-04-01T10:00:00Z', 100);
    fake.addMentions('2026-04-01T10:00:00Z', 40, { topic: 'mondkapjes' });
    fake.addMentions('2026-04-01T10:00:00Z', 20, { topic: 'horeca' });
    const asked = options({ weeks: 0, topic: 'mondkapje' });
    const report = await service(fake, '2026-05-01T00:00:00Z').effect('m', asked);
    expect(report.options.topic).toBe('mondkapjes');
    expect(report.effect.volume).toMatchObject({ before: 10, after: 40, ratio: 4, basis: 'unadjusted' });
    expect(report.effect.topics).toEqual([
      expect.objectContaining({ topic: 'mondkapjes', shareBefore: 0.1, shareAfter: 0.4 }),
    ]);
    expect(report.effect.questions).toMatchObject({ ratio: null, basis: 'none' });
  });

  it('takes only measures whose after window is over into the pattern', async () => {
    const fake = aprilFirst();
    fake.addMeasure('m-later', '2026-04-10', ['mondkapjes']);
    fake.addMentions('2026-04-09T10:00:00Z', 50);
    fake.addMentions('2026-04-10T10:00:00Z', 100);
    const { reports, pattern } = await service(fake, '2026-04-11T00:00:00Z').effects(
      { fromMs: null, toMs: null, level: null, direction: null, topic: null },
      options({ weeks: 2 }),
    );
    expect(reports.map((r) => [r.measure.id, r.complete])).toEqual([
      ['m-april', true],
      ['m-later', false],
    ]);
    expect(pattern.measures).toBe(1);
    expect(pattern.volumeRatio.median).toBeCloseTo(3, 12);
  });

  it('refuses an unknown measure, an unknown topic and windows out of range', async () => {
    const effects = service(aprilFirst(), '2026-05-01T00:00:00Z');
    await expect(effects.effect('nope', options())).rejects.toMatchObject({ statusCode: 404 });
    await expect(effects.effect('m-april', options({ topic: 'fietsen' }))).rejects.toMatchObject({
      statusCode: 400,
      message: 'topic: unknown topic "fietsen" (not in the topic taxonomy)',
    });
    await expect(effects.effect('m-april', options({ beforeMs: 1_800_000 }))).rejects.toMatchObject({
      statusCode: 400,
      message: 'before: between 1h and 14d, got 0.5h',
    });
    await expect(effects.effect('m-april', options({ afterMs: 15 * 24 * 3_600_000 }))).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('expects from earlier measures of the same direction first, else of any direction', async () => {
    const fake = aprilFirst();
    fake.addMeasure('m-later', '2026-04-10', ['mondkapjes']);
    fake.addMentions('2026-04-09T10:00:00Z', 50);
    fake.addMentions('2026-04-10T10:00:00Z', 100);
    fake.addMeasure('m-other-topic', '2026-04-15', ['horeca']);
    const effects = service(fake, '2026-06-01T00:00:00Z');
    const next = { ...fake.measures[0]!, id: 'new', effectiveFrom: '2026-05-01' };
    const same = await effects.expectation(next);
    expect(same).toMatchObject({ basis: 'same_direction', direction: 'tightening', hours: 48 });
    expect(same!.pattern.measures).toBe(2);
    expect(same!.pattern.withVolume).toBe(2);
    const relaxation = await effects.expectation({ ...next, direction: 'relaxation' });
    expect(relaxation).toMatchObject({ basis: 'any_direction', direction: 'relaxation' });
    expect(relaxation!.pattern.measures).toBe(2);
    expect(await effects.expectation({ ...next, topics: [] })).toBeNull();
    // Nothing earlier on the topic: no expectation.
    expect(await effects.expectation({ ...next, effectiveFrom: '2026-03-01' })).toBeNull();
  });
});
