// `start` hands the chosen role to the roles the process entry gave it, and keeps the process running.
import { describe, expect, it } from 'vitest';
import type { Env } from '../../config/env.js';
import { buildProgram } from '../main.js';
import type { RoleName } from './start.command.js';

function program() {
  const lifecycle = { keepRunning: false };
  const started: { env: Env; role: RoleName }[] = [];
  const command = buildProgram(lifecycle, (env, role) => {
    started.push({ env, role });
    return Promise.resolve();
  });
  const parse = (...args: string[]) => command.parseAsync(['node', 'onderstroom', 'start', ...args]);
  return { lifecycle, started, parse };
}

describe('onderstroom start', () => {
  it('runs every role by default, one role when asked, and keeps running afterwards', async () => {
    const all = program();
    await all.parse();
    expect(all.started.map((start) => start.role)).toEqual(['all']);
    expect(all.started[0]!.env.redisUrl).toEqual(expect.any(String));
    expect(all.lifecycle.keepRunning).toBe(true);

    const worker = program();
    await worker.parse('--role', 'worker');
    expect(worker.started.map((start) => start.role)).toEqual(['worker']);
  });

  it('refuses an unknown role before starting anything', async () => {
    const bad = program();
    await expect(bad.parse('--role', 'everything')).rejects.toThrow(
      /Allowed choices are all, api, worker, scheduler/,
    );
    expect(bad.started).toEqual([]);
    expect(bad.lifecycle.keepRunning).toBe(false);
  });
});
