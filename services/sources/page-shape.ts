// Small readers for JSON pages: each takes a value and the path it was found at, and throws a malformed-page
// failure that names the URL and the path when the value is not what the API documents.
import { malformed } from './poll-failure.js';

export type Json = Record<string, unknown>;

export class PageReader {
  constructor(readonly url: string) {}

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw malformed(this.url, `${path} should be an object, got ${describe(value)}`);
    }
    return value as Json;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) throw malformed(this.url, `${path} should be a list, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string')
      throw malformed(this.url, `${path} should be text, got ${describe(value)}`);
    return value;
  }

  optionalString(value: unknown, path: string): string | null {
    return value === undefined || value === null ? null : this.string(value, path);
  }

  optionalNumber(value: unknown, path: string): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw malformed(this.url, `${path} should be a number, got ${describe(value)}`);
    }
    return value;
  }

  date(value: unknown, path: string): Date {
    const text = this.string(value, path);
    const date = new Date(text);
    if (Number.isNaN(date.getTime()))
      throw malformed(this.url, `${path} is not a date: "${text.slice(0, 40)}"`);
    return date;
  }

  /** Numeric ids (Mastodon, X) are compared as BigInt: they outgrow a double's exact range. */
  numericId(value: unknown, path: string): bigint {
    const text = this.string(value, path);
    if (!/^[0-9]{1,30}$/.test(text))
      throw malformed(this.url, `${path} should be a numeric id, got "${text.slice(0, 40)}"`);
    return BigInt(text);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.slice(0, 30)}"`;
  return typeof value;
}

export function sum(...values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((total, value) => total + value, 0);
}

export function maxId(ids: Iterable<bigint>, start: bigint | null = null): bigint | null {
  let max = start;
  for (const id of ids) if (max === null || id > max) max = id;
  return max;
}
