// Numbers, shares, ratios and times as a Dutch reader expects them: "1.234", "34,5%", "2,1 keer", "18 januari 2021".
import { dutchDate } from './report-week.js';
import { localDateTime } from '../../time/zoned-time.js';

const INTEGER = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function count(n: number): string {
  return INTEGER.format(n);
}

/** A share 0..1 as a percentage with one decimal; "geen" for a share of nothing. */
export function percent(share: number | null): string {
  return share === null ? 'geen' : `${ONE_DECIMAL.format(share * 100)}%`;
}

/** The difference of two shares in percentage points, signed: "+12,5 procentpunt". */
export function points(difference: number): string {
  const sign = difference > 0 ? '+' : difference < 0 ? '−' : '';
  return `${sign}${ONE_DECIMAL.format(Math.abs(difference) * 100)} procentpunt`;
}

export function decimal(value: number): string {
  return ONE_DECIMAL.format(value);
}

/** A p-value as a reader can compare it: "< 0,001" below a thousandth, three decimals otherwise. */
export function pValue(p: number): string {
  if (p < 0.001) return '< 0,001';
  return new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(p);
}

/** "3 januari 2021" of an instant, in the time zone. */
export function dayOf(utcMs: number, timeZone: string): string {
  return dutchDate(localDateTime(utcMs, timeZone).slice(0, 10));
}

/** "3 januari 2021 08:15" of an instant, in the time zone. */
export function momentOf(utcMs: number, timeZone: string): string {
  const local = localDateTime(utcMs, timeZone);
  return `${dutchDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

const WEEKDAYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];

/** "ma 18-1" for a chart axis: the weekday and the day of a date (YYYY-MM-DD). */
export function shortDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[(day.getUTCDay() + 6) % 7]} ${day.getUTCDate()}-${day.getUTCMonth() + 1}`;
}
