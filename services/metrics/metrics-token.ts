// Who may read /metrics: the bearer token of ONDERSTROOM_METRICS_TOKEN, compared in constant time.
import crypto from 'node:crypto';

const digest = (text: string) => crypto.createHash('sha256').update(text).digest();

/** True when the Authorization header carries exactly `Bearer <token>`. */
export function metricsTokenAccepted(header: string | undefined, token: string): boolean {
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return false;
  // Equal-length digests, so neither the token's length nor its prefix leaks through timing.
  return crypto.timingSafeEqual(digest(match[1]!), digest(token));
}
