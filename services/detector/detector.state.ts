// What both detectors do with their stored state, said once: checking a stored state field by field before trusting
// it (a state of another version or shape is refused, not misread), and keeping and handing out deep copies.

/** A check of one stored field; `windows` is the number of windows the state was made with. */
export type FieldCheck = (value: unknown, windows: number) => boolean;

export const isNumber: FieldCheck = (value) => typeof value === 'number';
export const isNumberOrNull: FieldCheck = (value) => value === null || typeof value === 'number';

/** An array of numbers: of any length, of a fixed length, or of a multiple of the windows. */
export function numbers(length?: { fixed: number } | { perWindow: number }): FieldCheck {
  return (value, windows) => {
    if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) return false;
    if (length === undefined) return true;
    return value.length === ('fixed' in length ? length.fixed : length.perWindow * windows);
  };
}

export interface StateShape<S> {
  /** Names the detector in messages: "spike detector". */
  what: string;
  version: number;
  /** The array whose length is the number of windows. */
  windowsField: keyof S & string;
  /** Every field but the version. */
  fields: { [K in Exclude<keyof S, 'version'>]-?: FieldCheck };
}

export function parseStoredState<S>(shape: StateShape<S>, state: unknown): S {
  const s = state as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null) throw new Error(`${shape.what} state: not an object`);
  if (s.version !== shape.version) {
    throw new Error(`${shape.what} state: version ${String(s.version)}, expected ${shape.version}`);
  }
  const ownWindows = s[shape.windowsField];
  const windows = Array.isArray(ownWindows) ? ownWindows.length : -1;
  const checks = Object.entries<FieldCheck>(shape.fields);
  if (!checks.every(([field, check]) => check(s[field], windows))) {
    throw new Error(`${shape.what} state: missing or malformed fields`);
  }
  return s as S;
}

/** The detector's own copy of a state, checked against the windows of its settings. */
export function ownState<S>(shape: StateShape<S>, state: S, windows: number): S {
  const own = structuredClone(state);
  const ownWindows = own[shape.windowsField];
  if (!Array.isArray(ownWindows) || ownWindows.length !== windows) {
    throw new Error(`${shape.what} state does not match the settings (windows differ)`);
  }
  return own;
}

/** A detector that keeps its own copy of a plain JSON state and hands out copies of it. */
export abstract class StatefulDetector<S> {
  protected readonly s: S;

  protected constructor(shape: StateShape<S>, state: S, windows: number) {
    this.s = ownState(shape, state, windows);
  }

  /** A deep copy of the state, safe to JSON.stringify and store. */
  toState(): S {
    return structuredClone(this.s);
  }
}
