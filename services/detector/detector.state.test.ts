import { describe, expect, it } from 'vitest';

import { isNumber, numbers, parseStoredState, type StateShape } from './detector.state.js';
import { ShareDetector, SHARE_STATE_VERSION } from './share.detector.js';

interface TestState {
  version: 1;
  points: number;
  first: number[];
  pairs: number[];
}

const SHAPE: StateShape<TestState> = {
  what: 'test detector',
  version: 1,
  windowsField: 'first',
  fields: { points: isNumber, first: numbers(), pairs: numbers({ perWindow: 2 }) },
};

describe('stored detector state', () => {
  it('takes a state whose arrays fit its number of windows', () => {
    const state = { version: 1, points: 3, first: [1, 2], pairs: [1, 2, 3, 4] };
    expect(parseStoredState(SHAPE, state)).toEqual(state);
  });

  it('refuses a per-window array of another length, a missing field and another version', () => {
    expect(() => parseStoredState(SHAPE, { version: 1, points: 3, first: [1, 2], pairs: [1, 2] })).toThrow(
      'test detector state: missing or malformed fields',
    );
    expect(() => parseStoredState(SHAPE, { version: 1, first: [1], pairs: [1, 2] })).toThrow(/malformed/);
    expect(() => parseStoredState(SHAPE, { version: 2, points: 0, first: [], pairs: [] })).toThrow(
      'test detector state: version 2, expected 1',
    );
  });

  it('refuses a stored state made with other windows than the settings', () => {
    const state = new ShareDetector().toState();
    expect(state.version).toBe(SHARE_STATE_VERSION);
    const oneWindow = { ...state, negatives: [0], totals: [0], dispersion: [1] };
    expect(() => ShareDetector.fromState(oneWindow)).toThrow(
      'share detector state does not match the settings',
    );
  });
});
