// Why a poll failed, in words an administrator can act on, and what that means for the source:
// auth needs a person (needs_attention); transient problems back off and retry; a malformed page fails that poll only.
export type FailureKind = 'auth' | 'transient' | 'malformed' | 'config';

export class PollFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** The earliest time the server wants to hear from us again (Retry-After, a rate-limit reset). */
    readonly retryAt: Date | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'PollFailure';
  }
}

/** Not a failure: the API's rate limit is used up until `until`, so the poll stops and the next one waits. */
export class RateLimitPause extends Error {
  constructor(
    readonly until: Date,
    readonly url: string,
  ) {
    super(`rate limit used up at ${url}; waiting until ${until.toISOString()}`);
    this.name = 'RateLimitPause';
  }
}

export const malformed = (url: string, problem: string) =>
  new PollFailure('malformed', `the answer from ${url} is malformed: ${problem}`);
