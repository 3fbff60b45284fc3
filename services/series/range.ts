// Time ranges from query parameters: epoch milliseconds (as Grafana sends them) or ISO 8601.
import { parseTime } from './series.js';
import { badRequest } from '../request-error.js';

export interface Range {
  fromMs: number;
  toMs: number;
}

const DEFAULT_SPAN_MS = 7 * 86_400_000;

export function resolveRange(from: string | undefined, to: string | undefined, now = Date.now()): Range {
  const parse = (name: string, value: string | undefined): number | null => {
    if (value === undefined || value === '') return null;
    const ms = parseTime(value);
    if (ms === null)
      throw badRequest(`${name}: expected epoch milliseconds or an ISO 8601 time, got "${value}"`);
    return ms;
  };
  const toMs = parse('to', to) ?? now;
  const fromMs = parse('from', from) ?? toMs - DEFAULT_SPAN_MS;
  if (fromMs >= toMs)
    throw badRequest(
      `from (${new Date(fromMs).toISOString()}) must be before to (${new Date(toMs).toISOString()})`,
    );
  return { fromMs, toMs };
}
