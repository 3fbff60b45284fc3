// How log lines look: JSON for machines (Docker, CI, a log collector), one readable line each on a terminal.
import type { DestinationStream } from 'pino';

export type LogFormat = 'pretty' | 'json';

/** A terminal gets readable lines; anything else (a pipe, a file, a container log) gets JSON lines. */
export function logFormatFor(stream: { isTTY?: boolean }): LogFormat {
  return stream.isTTY === true ? 'pretty' : 'json';
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
// Fields every pino record carries; the rest is printed as key=value after the message.
const OWN_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v']);

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return /\s|=/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** One pino JSON record as one line: `07:12:03 INFO  message key=value`, and an error's stack below it. */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const time = typeof record.time === 'number' ? new Date(record.time) : new Date();
  const clock = [time.getHours(), time.getMinutes(), time.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  const level = (LEVELS[Number(record.level)] ?? String(record.level)).padEnd(5);
  const extra: string[] = [];
  let stack = '';
  for (const [key, value] of Object.entries(record)) {
    if (OWN_FIELDS.has(key) || value === undefined) continue;
    if ((key === 'err' || key === 'error') && typeof value === 'object' && value !== null) {
      const error = value as { message?: unknown; stack?: unknown };
      extra.push(`${key}=${fieldValue(error.message ?? value)}`);
      if (typeof error.stack === 'string') stack = `\n    ${error.stack.split('\n').join('\n    ')}`;
      continue;
    }
    extra.push(`${key}=${fieldValue(value)}`);
  }
  const message = typeof record.msg === 'string' ? record.msg : '';
  return `${clock} ${level} ${[message, ...extra].filter(Boolean).join(' ')}${stack}\n`;
}

/** A pino destination that writes readable lines to `out` (pino hands it one JSON record per write). */
export function prettyDestination(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.length > 0) out.write(prettyLine(line));
    },
  };
}
