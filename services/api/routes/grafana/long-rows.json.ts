// The long rows of a breakdown ([{time, key, value}], by time then key) written out as JSON from its columns: a
// 90-day hourly breakdown per source is some 13,000 rows, and building them as objects for the response schema's
// serializer cost more CPU than reading them from the database. The text is what that serializer would write.
import type { KeyedSeries } from '../../../series/series.js';

/** `JSON.stringify(longRows(series))`, without the rows. */
export function longRowsJson(series: KeyedSeries): string {
  const { times, keys, values } = series;
  if (times.length === 0 || keys.length === 0) return '[]';
  const keyParts = keys.map((key) => `,"key":${JSON.stringify(key)},"value":`);
  const parts = new Array<string>(times.length);
  for (let i = 0; i < times.length; i++) {
    const time = `{"time":${times[i]!}`;
    let part = '';
    for (let k = 0; k < keys.length; k++) {
      const value = values[k]![i]!;
      // JSON has no NaN or Infinity; JSON.stringify writes them as null, and so does this.
      part += `${k === 0 ? '' : ','}${time}${keyParts[k]!}${value !== null && Number.isFinite(value) ? value : 'null'}}`;
    }
    parts[i] = part;
  }
  return `[${parts.join(',')}]`;
}
