// What the benchmarks' profiles record of the app's statements: every statement sent through a pg client while a
// recording runs, with its parameters, when it started and how long it took; and the statement with its parameters
// written in, for EXPLAIN. Used by profile-analysis and bench-api's --explain.
import { pg } from '../services/db/pg-defaults.js';

export interface TimedStatement {
  text: string;
  values: unknown[];
  /** From the start of the recording. */
  startMs: number;
  ms: number;
}

let recording: { t0: number; statements: TimedStatement[] } | null = null;

// Every statement of the app's pool passes through Client.prototype.query with (text, values) and no callback.
const prototype = pg.Client.prototype as unknown as {
  query: (this: pg.Client, ...args: unknown[]) => unknown;
};
const original = prototype.query;
prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const result = original.apply(this, args);
  const [text, values] = args;
  if (recording === null || typeof text !== 'string' || !(result instanceof Promise)) return result;
  const log = recording;
  const started = performance.now();
  return result.then((value: unknown) => {
    log.statements.push({
      text,
      values: Array.isArray(values) ? values : [],
      startMs: started - log.t0,
      ms: performance.now() - started,
    });
    return value;
  });
};

/** Runs `work` with every statement recorded; recordings do not nest. */
export async function recordStatements(
  work: () => Promise<unknown>,
): Promise<{ totalMs: number; statements: TimedStatement[] }> {
  if (recording !== null) throw new Error('a statement recording is already running');
  const log = { t0: performance.now(), statements: [] as TimedStatement[] };
  recording = log;
  try {
    await work();
  } finally {
    recording = null;
  }
  return { totalMs: performance.now() - log.t0, statements: log.statements };
}

/** The statement with its parameters written in, for EXPLAIN (parameters are $1..$n). */
export function inlineStatement(statement: Pick<TimedStatement, 'text' | 'values'>): string {
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = statement.values[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (value instanceof Date) return `'${value.toISOString()}'`;
    if (Array.isArray(value))
      return `array[${value.map((v) => `'${String(v).replaceAll("'", "''")}'`).join(',')}]`;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `'${text.replaceAll("'", "''")}'`;
  });
}
