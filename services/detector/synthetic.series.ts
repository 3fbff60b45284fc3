// Deterministic synthetic mention counts for tests and benchmarks: a daily rhythm, quieter weekend days, Poisson noise.

export const FIVE_MINUTES = 300_000;
export const START = Date.UTC(2024, 0, 1);

export function poissonSampler(random: () => number): (rate: number) => number {
  return (rate) => {
    if (rate > 60) {
      // Normal approximation for large rates keeps sampling cheap.
      const u = Math.max(random(), 1e-12);
      const g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      return Math.max(0, Math.round(rate + Math.sqrt(rate) * g));
    }
    const limit = Math.exp(-rate);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
}

/** Mentions per 5 minutes at `time`: `night` at 3 a.m., rising to `day` in the afternoon, 40% lower on two days. */
export function dailyRate(time: number, night: number, day: number): number {
  const hour = (time % 86_400_000) / 3_600_000;
  const weekday = Math.floor(time / 86_400_000) % 7;
  const quiet = weekday === 2 || weekday === 3 ? 0.6 : 1;
  return night + (day - night) * quiet * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 18)) ** 2;
}
