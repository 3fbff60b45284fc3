import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RawMention } from '../../services/ingest/raw-mention.js';
import { openImport } from '../../services/importers/import-file.js';
import { OBI4WAN_HEADER, unknownTemplateSlots, writeSyntheticObi4wanExport } from './synthetic-export.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onderstroom-synthetic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const START = new Date('2021-01-18T00:00:00+01:00');

async function importAll(
  path: string,
): Promise<{ mentions: RawMention[]; errors: string[]; encoding: string | null }> {
  const opened = await openImport(path, { preset: 'obi4wan' });
  const mentions: RawMention[] = [];
  const errors: string[] = [];
  for await (const row of opened.rows()) {
    if ('mention' in row) mentions.push(row.mention);
    else errors.push(`row ${row.row}: ${row.problem}`);
  }
  await opened.close();
  return { mentions, errors, encoding: opened.encoding };
}

describe('writeSyntheticObi4wanExport', () => {
  it('fills every template slot it uses', () => {
    expect(unknownTemplateSlots()).toEqual([]);
  });

  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const options = { rows: 300, seed: 42, start: START, days: 3 };
    await writeSyntheticObi4wanExport(join(dir, 'a.csv'), options);
    await writeSyntheticObi4wanExport(join(dir, 'b.csv'), options);
    await writeSyntheticObi4wanExport(join(dir, 'c.csv'), { ...options, seed: 43 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => readFile(join(dir, `${name}.csv`))));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
  });

  it('writes a Windows-1252 export that the importer reads back without a single error', async () => {
    const path = join(dir, 'cp1252.csv');
    const result = await writeSyntheticObi4wanExport(path, {
      rows: 3000,
      seed: 7,
      start: START,
      days: 14,
      encoding: 'cp1252',
    });
    expect(result.rows).toBe(3000);
    const bytes = await readFile(path);
    expect(bytes.subarray(0, OBI4WAN_HEADER.length).toString('latin1')).toBe(OBI4WAN_HEADER);
    const { mentions, errors, encoding } = await importAll(path);
    expect(errors).toEqual([]);
    expect(encoding).toBe('windows-1252');
    expect(mentions).toHaveLength(3000);
    expect(mentions.some((m) => /[éëï]/.test(m.text))).toBe(true);
    // Emoji cannot be written in Windows-1252, so none may appear as ? or U+FFFD.
    expect(mentions.some((m) => /[?\uFFFD]{2}|\uFFFD/.test(m.text))).toBe(false);
  });

  it('looks like a month of social media about the measures in the region', async () => {
    const path = join(dir, 'utf8.csv');
    const result = await writeSyntheticObi4wanExport(path, { rows: 6000, seed: 3, start: START, days: 14 });
    const { mentions, errors, encoding } = await importAll(path);
    expect(errors).toEqual([]);
    expect(encoding).toBe('utf-8');
    expect(result.events.length).toBeGreaterThan(0);

    const first = mentions[0]!.postedAt.getTime();
    const last = mentions.at(-1)!.postedAt.getTime();
    expect(first).toBeGreaterThanOrEqual(START.getTime());
    expect(last).toBeLessThan(START.getTime() + 14 * 86_400_000);
    // In time order, apart from the news and blog rows that carry a date without a time (local midnight).
    const timed = mentions.filter((m) => m.postedAt.getTime() % 86_400_000 !== 23 * 3_600_000);
    expect(timed.length).toBeGreaterThan(mentions.length * 0.95);
    expect(timed.every((m, i) => i === 0 || m.postedAt >= timed[i - 1]!.postedAt)).toBe(true);

    const localHour = (m: RawMention): number => (m.postedAt.getUTCHours() + 1) % 24;
    const night = mentions.filter((m) => localHour(m) >= 2 && localHour(m) < 5).length;
    const evening = mentions.filter((m) => localHour(m) >= 19 && localHour(m) < 22).length;
    expect(evening).toBeGreaterThan(night * 5);

    const share = (predicate: (m: RawMention) => boolean): number =>
      mentions.filter(predicate).length / mentions.length;
    for (const platform of ['twitter', 'facebook', 'instagram', 'nieuws', 'forum', 'blog']) {
      expect(share((m) => m.platform === platform)).toBeGreaterThan(0.01);
    }
    for (const label of ['positive', 'negative', 'neutral'] as const) {
      expect(share((m) => m.toolSentiment === label)).toBeGreaterThan(0.1);
    }
    expect(share((m) => m.url === null)).toBeGreaterThan(0.001);
    expect(share((m) => /\b(the|and|is)\b/.test(m.text))).toBeGreaterThan(0.01);
    for (const place of ['Huizen', 'Hilversum', 'Blaricum', 'Laren', 'Weesp', 'Bussum', 'Loosdrecht']) {
      expect(mentions.some((m) => m.text.includes(place))).toBe(true);
    }
    for (const word of ['mondkapje', 'avondklok', 'horeca', 'school', 'test', 'vaccin', 'noodverordening']) {
      expect(mentions.some((m) => m.text.toLowerCase().includes(word))).toBe(true);
    }
    expect(mentions.some((m) => /\bniet\b|\bgeen\b|\bnooit\b/.test(m.text))).toBe(true);
    expect(mentions.some((m) => m.text.includes('\n'))).toBe(true);
    expect(mentions.some((m) => m.text.includes('"'))).toBe(true);

    const meanLength = mentions.reduce((sum, m) => sum + m.text.length, 0) / mentions.length;
    expect(meanLength).toBeGreaterThan(140);
    expect(meanLength).toBeLessThan(220);
    expect(new Set(mentions.map((m) => m.text)).size).toBeGreaterThan(mentions.length * 0.6);
  });

  it('raises the volume after an event', async () => {
    const path = join(dir, 'event.csv');
    const at = new Date('2021-01-20T18:00:00Z');
    await writeSyntheticObi4wanExport(path, {
      rows: 4000,
      seed: 5,
      start: START,
      days: 4,
      events: [{ at, topic: 'avondklok', strength: 4, tone: -0.5 }],
    });
    const { mentions } = await importAll(path);
    const inWindow = (from: number, to: number): RawMention[] =>
      mentions.filter((m) => m.postedAt.getTime() >= from && m.postedAt.getTime() < to);
    const after = inWindow(at.getTime(), at.getTime() + 3 * 3_600_000);
    const dayBefore = inWindow(at.getTime() - 86_400_000, at.getTime() - 86_400_000 + 3 * 3_600_000);
    expect(after.length).toBeGreaterThan(dayBefore.length * 2);
    const avondklok = (list: RawMention[]): number =>
      list.filter((m) => m.text.toLowerCase().includes('avondklok')).length / list.length;
    expect(avondklok(after)).toBeGreaterThan(avondklok(dayBefore) * 2);
  });

  it('rejects impossible options', async () => {
    await expect(
      writeSyntheticObi4wanExport(join(dir, 'x.csv'), { rows: -1, seed: 1, start: START, days: 1 }),
    ).rejects.toThrow(RangeError);
    await expect(
      writeSyntheticObi4wanExport(join(dir, 'x.csv'), { rows: 1, seed: 1, start: START, days: 0 }),
    ).rejects.toThrow(RangeError);
  });
});
