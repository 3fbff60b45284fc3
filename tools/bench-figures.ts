// What the benchmarks share: a numeric command-line option, and latency figures as percentiles in rounded ms.

/** `--name N` from the command line, or `fallback` when it is not given. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The p-th percentile of ascending values (nearest rank, never past the last). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A figure (ms, seconds, a load average) to two decimals, as the benchmarks print them. */
export const twoDecimals = (ms: number): number => Math.round(ms * 100) / 100;
