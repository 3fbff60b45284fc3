// Which database errors are worth another try: the server went away or refused a connection for a while, the pool
// could not hand out a connection in time, or a transaction lost a deadlock or serialization conflict.

const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: the server is restarting
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const CONFLICT_CODES = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
// pg reports a lost connection and a pool time-out only in the message.
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection error and is not queryable/i,
  /cannot use a pool after calling end/i,
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The database cannot be reached or is restarting: a client should come back later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** Lost a deadlock or a serialization conflict: the same transaction again will very likely succeed. */
export function isTransactionConflict(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && CONFLICT_CODES.has(code);
}

export function isTransientDatabaseError(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isTransactionConflict(error);
}
