import { describe, expect, it } from 'vitest';
import { dutchAgo, localTime, printableTable } from './output.js';

describe('printableTable', () => {
  const rows = [
    { id: '1', name: 'grafana', revoked: null as string | null, n: 5 },
    { id: '12', name: 'kcc-webhook', revoked: null as string | null, n: 120 },
  ];

  it('prints a header and aligned rows, numbers to the right', () => {
    expect(
      printableTable(
        [
          { header: 'ID', value: (r) => r.id, align: 'right' },
          { header: 'NAME', value: (r) => r.name },
          { header: 'ITEMS', value: (r) => r.n, align: 'right' },
        ],
        rows,
      ),
    ).toEqual(['ID  NAME         ITEMS', ' 1  grafana          5', '12  kcc-webhook    120']);
  });

  it('leaves out a column that is empty in every row', () => {
    const lines = printableTable(
      [
        { header: 'ID', value: (r) => r.id },
        { header: 'REVOKED', value: (r) => r.revoked },
        { header: 'NAME', value: (r) => r.name },
      ],
      rows,
    );
    expect(lines[0]).toBe('ID  NAME');
    expect(lines.join('\n')).not.toMatch(/REVOKED/);
  });

  it('keeps a column that has a value in one row', () => {
    const lines = printableTable(
      [
        { header: 'ID', value: (r) => r.id },
        { header: 'REVOKED', value: (r) => r.revoked },
      ],
      [rows[0]!, { ...rows[1]!, revoked: '2 dagen geleden' }],
    );
    expect(lines).toEqual(['ID  REVOKED', '1', '12  2 dagen geleden']);
  });
});

describe('dutchAgo', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const before = (ms: number) => new Date(now.getTime() - ms);

  it('says how long ago in the largest whole unit, singular and plural', () => {
    expect(dutchAgo(before(20_000), now)).toBe('zojuist');
    expect(dutchAgo(before(60_000), now)).toBe('1 minuut geleden');
    expect(dutchAgo(before(5 * 60_000), now)).toBe('5 minuten geleden');
    expect(dutchAgo(before(3_600_000), now)).toBe('1 uur geleden');
    expect(dutchAgo(before(3 * 86_400_000 + 3_600_000), now)).toBe('3 dagen geleden');
    expect(dutchAgo(before(14 * 86_400_000), now)).toBe('2 weken geleden');
    expect(dutchAgo(before(184_045_426_000), now)).toBe('5 jaar geleden');
  });

  it('says "over" for a time still ahead', () => {
    expect(dutchAgo(new Date(now.getTime() + 10 * 60_000), now)).toBe('over 10 minuten');
    expect(dutchAgo(new Date(now.getTime() + 5_000), now)).toBe('zo meteen');
  });
});

describe('localTime', () => {
  it('prints the date and time in the given time zone, also across DST', () => {
    expect(localTime(new Date('2026-12-02T07:15:00Z'), 'Europe/Amsterdam')).toBe('2026-12-02 08:15');
    expect(localTime(new Date('2026-07-01T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-07-02 00:30');
  });
});
