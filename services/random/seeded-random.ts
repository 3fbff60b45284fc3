// The one seeded random generator: synthetic exports and series, and the bootstrap intervals of the evaluations,
// must come out the same for the same seed on every machine, which Math.random cannot give.
//
// Two sequences, because recorded figures depend on them: mulberry32 (the default, small and fast) for the
// synthetic data, and xorshift32 for the bootstrap resamples whose intervals the nlp READMEs and the model's fit
// report quote. A new caller takes the default.

export type RandomSequence = 'mulberry32' | 'xorshift32';

export class SeededRandom {
  private state: number;

  constructor(
    seed: number,
    private readonly sequence: RandomSequence = 'mulberry32',
  ) {
    // xorshift32 stays at 0 forever from a 0 state, so a 0 seed starts it at 1.
    this.state = sequence === 'mulberry32' ? seed >>> 0 : seed | 0 || 1;
  }

  /** A float in [0, 1). */
  next(): number {
    if (this.sequence === 'xorshift32') {
      let x = this.state;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.state = x;
      return (x >>> 0) / 4294967296;
    }
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An index drawn with the given non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Floats in [0, 1) as a function, for code that only draws floats (samplers, resampling loops). */
export function seededRandom(seed: number, sequence: RandomSequence = 'mulberry32'): () => number {
  const random = new SeededRandom(seed, sequence);
  return () => random.next();
}
