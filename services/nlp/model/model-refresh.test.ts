import { describe, expect, it } from 'vitest';
import { createModelRefresher } from './model-refresh.js';

function clockAndCounter() {
  let now = 0;
  let calls = 0;
  let release: (() => void) | null = null;
  const refresh = () =>
    new Promise<string>((resolve) => {
      calls++;
      release = () => resolve(`v${calls}`);
    });
  return {
    refresher: createModelRefresher(
      refresh,
      () => undefined,
      60_000,
      () => now,
    ),
    advance: (ms: number) => (now += ms),
    calls: () => calls,
    finish: () => release?.(),
  };
}

describe('createModelRefresher', () => {
  it('checks at most once per interval, however often it is poked', async () => {
    const t = clockAndCounter();
    t.refresher.poke();
    t.refresher.poke();
    expect(t.calls()).toBe(1);
    t.finish();
    await Promise.resolve();
    t.advance(30_000);
    t.refresher.poke();
    expect(t.calls()).toBe(1);
    t.advance(31_000);
    t.refresher.poke();
    expect(t.calls()).toBe(2);
  });

  it('never runs two checks at once', async () => {
    const t = clockAndCounter();
    const first = t.refresher.check();
    const second = t.refresher.check();
    expect(t.calls()).toBe(1);
    t.advance(120_000);
    t.refresher.poke();
    expect(t.calls()).toBe(1);
    t.finish();
    expect(await first).toBe('v1');
    expect(await second).toBe('v1');
  });

  it('reports a failed check and tries again after the interval', async () => {
    let now = 0;
    const errors: unknown[] = [];
    let calls = 0;
    const refresher = createModelRefresher(
      () => {
        calls++;
        return Promise.reject(new Error('database down'));
      },
      (error) => errors.push(error),
      60_000,
      () => now,
    );
    refresher.poke();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    now += 60_000;
    refresher.poke();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
  });
});
