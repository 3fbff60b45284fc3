// Calendar dates written YYYY-MM-DD (the day a measure takes effect, a range given as a day), apart from any zone.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

/** The fields of text written YYYY-MM-DD, or null for other text; whether the day exists is not checked here. */
export function dateFields(value: string): CalendarDate | null {
  const match = DATE.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** True when the day exists (2021-02-29 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a real date written YYYY-MM-DD (2021-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const date = dateFields(value);
  return date !== null && isRealDate(date.year, date.month, date.day);
}
