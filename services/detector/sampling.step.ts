// The sampling interval of a series, learned from its timestamps: it turns per-day learning rates into per-point ones
// for 5-minute, hourly or irregular series alike.
import { type FieldCheck, isNumberOrNull } from './detector.state.js';

export interface SteppedState {
  lastTime: number | null;
  stepMs: number | null;
}

/** The stored fields of the step, checked as every detector state's. */
export const STEP_FIELDS: { [K in keyof SteppedState]: FieldCheck } = {
  lastTime: isNumberOrNull,
  stepMs: isNumberOrNull,
};

/** An average of recent intervals that ignores repeated timestamps and gaps of more than four steps. */
export function learnStep(s: SteppedState, time: number): void {
  if (s.lastTime !== null) {
    const dt = time - s.lastTime;
    if (dt > 0) {
      if (s.stepMs === null) s.stepMs = dt;
      else if (dt < 4 * s.stepMs) s.stepMs += 0.05 * (dt - s.stepMs);
    }
  }
  s.lastTime = time;
}
