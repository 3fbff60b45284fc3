// When raw text expires: a fixed number of days after the post was published, whenever it was stored.
const DAY_MS = 86_400_000;

export function textExpiresAt(postedAt: Date, retentionDays: number): Date {
  return new Date(postedAt.getTime() + retentionDays * DAY_MS);
}

/** Whether a post is already past its retention at `now`: its text goes at the next retention run. */
export function isPastRetention(postedAt: Date, retentionDays: number, now: Date): boolean {
  return textExpiresAt(postedAt, retentionDays).getTime() < now.getTime();
}
