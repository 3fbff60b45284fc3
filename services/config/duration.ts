// Durations as people write them in the config file: 500ms, 30s, 5m, 1h, 2d.
const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DURATION_PATTERN = '^[0-9]+(ms|s|m|h|d)$';

export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration (for example 30s, 5m, 1h, 2d)`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** Whole hours read as "1 uur" / "3 uur", minutes as "30 minuten": for Dutch messages. */
export function dutchDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return ms === 86_400_000 ? '1 dag' : `${ms / 86_400_000} dagen`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} uur`;
  if (ms % 60_000 === 0) return ms === 60_000 ? '1 minuut' : `${ms / 60_000} minuten`;
  return `${Math.round(ms / 1000)} seconden`;
}
