// Rate-limit headers as each API sends them, read into one shape: how many requests are left and when the window
// resets. Mastodon sends the reset as an ISO time, Reddit as seconds from now, Bluesky and X as epoch seconds.
export interface RateLimitState {
  remaining: number | null;
  resetAt: Date | null;
}

export type RateLimitReader = (headers: Headers, now: Date) => RateLimitState;

function number(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function epochSeconds(value: string | null): Date | null {
  const seconds = number(value);
  return seconds === null ? null : new Date(seconds * 1000);
}

export const mastodonRateLimit: RateLimitReader = (headers) => {
  const reset = headers.get('x-ratelimit-reset');
  const at = reset === null ? null : new Date(reset);
  return {
    remaining: number(headers.get('x-ratelimit-remaining')),
    resetAt: at === null || Number.isNaN(at.getTime()) ? null : at,
  };
};

export const redditRateLimit: RateLimitReader = (headers, now) => {
  const seconds = number(headers.get('x-ratelimit-reset'));
  return {
    // Reddit sends a float ("997.0").
    remaining: number(headers.get('x-ratelimit-remaining')),
    resetAt: seconds === null ? null : new Date(now.getTime() + seconds * 1000),
  };
};

export const blueskyRateLimit: RateLimitReader = (headers) => ({
  remaining: number(headers.get('ratelimit-remaining')),
  resetAt: epochSeconds(headers.get('ratelimit-reset')),
});

export const xRateLimit: RateLimitReader = (headers) => ({
  remaining: number(headers.get('x-rate-limit-remaining')),
  resetAt: epochSeconds(headers.get('x-rate-limit-reset')),
});

export const noRateLimit: RateLimitReader = () => ({ remaining: null, resetAt: null });

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfter(headers: Headers, now: Date): Date | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = number(value);
  if (seconds !== null) return new Date(now.getTime() + Math.max(0, seconds) * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Exponential back-off with "equal jitter": half the delay is fixed, half random, so many failing sources do not
 * retry in step. `random` is injectable for tests.
 */
export function backoffDelay(
  failures: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(capMs, baseMs * 2 ** exponent);
  return Math.round(delay / 2 + (random() * delay) / 2);
}
