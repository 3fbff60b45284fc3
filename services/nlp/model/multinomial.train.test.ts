import { describe, expect, it } from 'vitest';
import { predictExample, trainMultinomial, type TrainingExample } from './multinomial.train.js';

const ROWS = 64;

function example(indices: number[], label: number, weight = 1, dense = [0, 0]): TrainingExample {
  return {
    indices: Int32Array.from(indices),
    words: indices.length,
    dense: Float64Array.from(dense),
    label,
    weight,
  };
}

const options = {
  rows: ROWS,
  denseCount: 2,
  lambda: 1e-3,
  lambdaDense: 1e-4,
  maxIterations: 200,
  tolerance: 1e-9,
};

// Feature 1 means class 2, feature 2 class 0, feature 3 class 1; feature 9 is noise present everywhere.
const toy = [
  example([1, 9], 2),
  example([1, 1, 9], 2),
  example([2, 9], 0),
  example([2, 2], 0),
  example([3, 9], 1),
  example([3], 1),
];

const argmax = (p: Float64Array): number => (p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[1]! >= p[2]! ? 1 : 2);

describe('trainMultinomial', () => {
  it('learns a separable three-class problem', () => {
    const weights = trainMultinomial(toy, options);
    for (const e of toy) expect(argmax(predictExample(weights, e))).toBe(e.label);
    expect(predictExample(weights, example([1], 0))[2]).toBeGreaterThan(0.8);
  });

  it('lowers the objective at every iteration', () => {
    const losses: number[] = [];
    trainMultinomial(toy, { ...options, onIteration: (_i, loss) => losses.push(loss) });
    expect(losses.length).toBeGreaterThan(2);
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThanOrEqual(losses[i - 1]!);
  });

  it('treats a weight of 2 like the example given twice', () => {
    const twice = trainMultinomial([...toy, toy[0]!], options);
    const weighted = trainMultinomial([{ ...toy[0]!, weight: 2 }, ...toy.slice(1)], options);
    for (let k = 0; k < twice.hashed.length; k++) expect(weighted.hashed[k]).toBeCloseTo(twice.hashed[k]!, 4);
  });

  it('learns from dense features too', () => {
    const data = [
      example([], 2, 1, [1, 0]),
      example([], 2, 1, [0.8, 0]),
      example([], 0, 1, [-1, 0]),
      example([], 0, 1, [-0.7, 0]),
      example([], 1, 1, [0, 1]),
      example([], 1, 1, [0, 0.9]),
    ];
    const weights = trainMultinomial(data, options);
    for (const e of data) expect(argmax(predictExample(weights, e))).toBe(e.label);
  });

  it('stays near its prior when the penalty is strong', () => {
    const prior = {
      hashed: Float64Array.from({ length: ROWS * 3 }, (_, k) => (k % 7) / 10 - 0.3),
      dense: new Float64Array(6),
      bias: new Float64Array(3),
    };
    const weights = trainMultinomial(toy, { ...options, lambda: 1e4, lambdaDense: 1e4, prior });
    for (let k = 0; k < ROWS * 3; k++) expect(weights.hashed[k]).toBeCloseTo(prior.hashed[k]!, 2);
  });

  it('leaves rows no example uses at zero', () => {
    const weights = trainMultinomial(toy, options);
    expect(weights.hashed[40 * 3]).toBe(0);
    expect(weights.hashed[40 * 3 + 2]).toBe(0);
  });

  it('refuses labels that are not classes and empty weight', () => {
    expect(() => trainMultinomial([example([1], 3)], options)).toThrow(/not a class/);
    expect(() => trainMultinomial([example([1], 1, 0)], options)).toThrow(/positive weight/);
  });
});
