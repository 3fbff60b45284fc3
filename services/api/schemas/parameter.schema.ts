// Parameter shapes that keep bad input at the door with a 400 that names it, instead of reaching Postgres (which
// refuses NUL characters and numbers beyond bigint with a 500).
import { Type, type TStringOptions as StringOptions } from '@fastify/type-provider-typebox';

/** Text without NUL characters, which PostgreSQL text cannot hold. */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';
/** A database id: at most 18 digits always fits a bigint (whose limit has 19). */
export const ID_PATTERN = '^[0-9]{1,18}$';

/** What a pattern means, for the 400 message, in place of the pattern itself. */
export const PATTERN_WORDING: Readonly<Record<string, string>> = {
  [NO_NUL_PATTERN]: 'must not contain a NUL character',
  [ID_PATTERN]: 'must be an id of 1 to 18 digits',
};

export const Text = (options: StringOptions = {}) => Type.String({ ...options, pattern: NO_NUL_PATTERN });

export const Id = (options: StringOptions = {}) => Type.String({ ...options, pattern: ID_PATTERN });

/**
 * A page size. The second integer check is there because ajv, coercing "Infinity" or "1e309" from a query string,
 * lets the infinite number past `integer` and `maximum`; the check inside allOf sees the coerced value and refuses it.
 */
export const Limit = (maximum: number, defaultValue: number) =>
  Type.Integer({ minimum: 1, maximum, default: defaultValue, allOf: [{ type: 'integer' }] });
