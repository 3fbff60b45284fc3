// Report periods of any run of days: key, label and days; the comparison (the week before for a week, as many days
// before otherwise, across a clock change too); and every wrong period a 400 naming its parameter.
import { describe, expect, it } from 'vitest';
import { askedReportPeriod, reportRange, reportSpan } from './report-period.js';
import { reportWeek } from './report-week.js';

const TZ = 'Europe/Amsterdam';

const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('a report of a run of days', () => {
  it('has the local days from `from` up to `to` (exclusive), a stable key and a Dutch label', () => {
    const period = reportRange('2021-01-18', '2021-02-01', TZ);
    expect(period).toMatchObject({
      fromMs: Date.parse('2021-01-17T23:00:00Z'),
      toMs: Date.parse('2021-01-31T23:00:00Z'),
      key: '2021-01-18_2021-02-01',
      label: '18 t/m 31 januari 2021',
    });
    expect(period.days).toHaveLength(14);
    expect(period.days[13]).toBe('2021-01-31');
    expect(reportRange('2021-03-05', '2021-03-06', TZ).label).toBe('5 maart 2021');
  });

  it('is compared with as many days before; a week with the week before', () => {
    // 28 March 2021 has 23 hours in Amsterdam: the comparison is still whole local days.
    const span = reportSpan(reportRange('2021-03-29', '2021-04-05', TZ), TZ);
    expect(span.comparison.days).toEqual([
      '2021-03-22',
      '2021-03-23',
      '2021-03-24',
      '2021-03-25',
      '2021-03-26',
      '2021-03-27',
      '2021-03-28',
    ]);
    expect(span.comparison.toMs).toBe(span.current.fromMs);
    expect(span.comparison.toMs - span.comparison.fromMs).toBe(167 * 3_600_000);
    expect(span.wording.thisCap).toBe('Deze periode');
    // The same days given as an ISO week are a weekly report.
    const week = reportSpan(reportWeek('2021-W13', TZ), TZ);
    expect([week.current.key, week.comparison.key, week.wording.thisCap]).toEqual([
      '2021-W13',
      '2021-W12',
      'Deze week',
    ]);
  });

  it('refuses an empty, reversed or over-long period and a date that does not exist, naming the parameter', () => {
    expect(message(() => reportRange('2021-01-18', '2021-01-18', TZ))).toMatch(/^to: the period is empty/);
    expect(message(() => reportRange('2021-01-18', '2021-01-11', TZ))).toMatch(
      /^to: the period ends .* before/,
    );
    expect(message(() => reportRange('2020-01-01', '2021-01-02', TZ))).toBe(
      'to: the period is 367 days long; a report covers at most 366 days (a year)',
    );
    expect(message(() => reportRange('2020-01-01', '2021-01-01', TZ))).toBe('no error');
    expect(message(() => reportRange('2021-02-29', '2021-03-08', TZ))).toMatch(/^from: expected a date/);
    expect(message(() => reportRange('2021-01-18', '18-01-2021', TZ))).toMatch(/^to: expected a date/);
    expect(message(() => reportRange('1999-12-01', '1999-12-08', TZ))).toMatch(/^from: the year 1999/);
  });

  it('takes week, or from and to, never both or one bound alone', () => {
    expect(askedReportPeriod({}, TZ)).toBeNull();
    expect(askedReportPeriod({ week: '2021-W03' }, TZ)?.key).toBe('2021-W03');
    expect(askedReportPeriod({ from: '2021-01-18', to: '2021-01-25' }, TZ)?.key).toBe(
      '2021-01-18_2021-01-25',
    );
    expect(message(() => askedReportPeriod({ week: '2021-W03', from: '2021-01-18' }, TZ))).toMatch(/^week: /);
    expect(message(() => askedReportPeriod({ to: '2021-01-25' }, TZ))).toMatch(/^from: /);
    expect(message(() => askedReportPeriod({ from: '2021-01-18' }, TZ))).toMatch(/^to: /);
    expect(message(() => askedReportPeriod({ week: '2021-W54' }, TZ))).toMatch(/^week: /);
  });
});
