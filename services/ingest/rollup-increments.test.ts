import { describe, expect, it } from 'vitest';
import { rollupIncrements, type CountedMention } from './rollup-increments.js';

const at = (iso: string) => new Date(iso);
const mention = (overrides: Partial<CountedMention>): CountedMention => ({
  postedAt: at('2021-01-29T14:03:00Z'),
  topics: [],
  sentimentLabel: 'neutral',
  sentimentScore: 0,
  reach: null,
  engagement: null,
  ...overrides,
});

describe('rollupIncrements', () => {
  it('counts each mention in (kind|all) x (all|each topic) of its bucket', () => {
    const rows = rollupIncrements('obi4wan', [
      mention({
        topics: ['mondkapjes', 'horeca'],
        sentimentLabel: 'negative',
        sentimentScore: -0.5,
        reach: 100,
      }),
      mention({
        postedAt: at('2021-01-29T14:04:59Z'),
        sentimentLabel: 'positive',
        sentimentScore: 0.25,
        reach: 10,
      }),
      mention({ postedAt: at('2021-01-29T14:05:00Z'), topics: ['horeca', 'horeca'] }),
    ]);
    const find = (kind: string, topic: string, iso: string) =>
      rows.find((r) => r.sourceKind === kind && r.topic === topic && r.bucket === Date.parse(iso));
    expect(find('all', 'all', '2021-01-29T14:00:00Z')).toMatchObject({
      n: 2,
      nNeg: 1,
      nPos: 1,
      nNeu: 0,
      scoreSum: -250,
      reachSum: 110,
    });
    expect(find('obi4wan', 'mondkapjes', '2021-01-29T14:00:00Z')).toMatchObject({
      n: 1,
      nNeg: 1,
      scoreSum: -500,
    });
    // A topic named twice by the enricher still counts once.
    expect(find('obi4wan', 'horeca', '2021-01-29T14:05:00Z')).toMatchObject({ n: 1 });
    expect(rows).toHaveLength(4 + 2 + 4);
  });

  it('sorts rows so concurrent transactions lock in one order', () => {
    const rows = rollupIncrements('coosto', [
      mention({ postedAt: at('2021-02-01T00:00:00Z'), topics: ['zorg'] }),
      mention({ postedAt: at('2021-01-01T00:00:00Z'), topics: ['avondklok'] }),
    ]);
    const keys = rows.map((r) => `${r.sourceKind}|${r.topic}|${r.bucket}`);
    expect(keys).toEqual(
      [...keys].sort((a, b) => {
        const [ka, ta, ba] = a.split('|');
        const [kb, tb, bb] = b.split('|');
        return ka! < kb! ? -1 : ka! > kb! ? 1 : ta! < tb! ? -1 : ta! > tb! ? 1 : Number(ba) - Number(bb);
      }),
    );
  });
});
