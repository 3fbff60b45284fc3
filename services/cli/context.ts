// What the CLI commands share: an application context opened for one command and always closed, and the
// parsing of numeric options with a message that names the option.
import type { AppContext, createAppContext as CreateAppContext } from '../app-context.js';
import { readEnv } from '../config/env.js';

/** Runs one command against a migrated database and closes every connection afterwards, also on failure. */
export async function withContext<T>(run: (context: AppContext) => Promise<T>): Promise<T> {
  // Loaded on use: the whole application graph takes about a second to import, which `--help`, `--version`
  // and `score` should not pay.
  const context = await createAppContext(readEnv(), { migrate: true });
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

export function positiveInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a positive whole number`);
  return Number(value);
}

/** Commander's argParser for a positive whole number, so the default is a number and `--help` shows it as one. */
export function positiveIntegerOption(name: string): (value: string) => number {
  return (value) => positiveInteger(value, name);
}

/** The application context, imported on first use (see withContext). */
export async function createAppContext(...args: Parameters<typeof CreateAppContext>): Promise<AppContext> {
  const { createAppContext: create } = await import('../app-context.js');
  // One-off commands send no alert messages: an unset channel secret must not stop an import (start checks it).
  const [env, options] = args;
  return create(env, { deliver: false, ...options });
}
