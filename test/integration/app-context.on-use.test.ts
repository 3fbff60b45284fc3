// The composition root builds on use: a context that leaves the scorer to its first use (the API role) reads
// without loading it, and the first mention it scores is scored by the deployment's active choice, not the default.
import fs from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { createTestEnv } from '../support/context.js';
import { raw } from '../support/mentions.js';

let setup: Awaited<ReturnType<typeof createTestEnv>>;
let context: AppContext;
beforeAll(async () => {
  setup = await createTestEnv();
  // Another process (`onderstroom model activate lexicon`) chose the lexicon before this one started.
  const admin = await createAppContext(setup.env, { log: pino({ level: 'warn' }), migrate: false });
  try {
    await admin.sentimentModels.activate('lexicon');
  } finally {
    await admin.close();
  }
  context = await createAppContext(setup.env, {
    log: pino({ level: 'warn' }),
    migrate: false,
    scoring: 'on-use',
  });
  await context.repositories.sources.ensure('obi4wan', 'obi4wan');
});
afterAll(async () => {
  await context.close();
  await setup.database.drop();
  fs.rmSync(setup.dir, { recursive: true, force: true });
});

describe('a context that builds the scorer on use', () => {
  it('reads without loading the scorer', async () => {
    expect(context.nlp.loaded()).toBeNull();
    await context.sourceStatus.list();
    await context.alertReads.list(
      { fromMs: 0, toMs: Date.now(), kind: null, state: null, limit: 10 },
      { apiKeyId: null, mayReadText: false },
    );
    expect(context.nlp.loaded()).toBeNull();
    expect(() => context.enricher).toThrow(/built on first use/);
  });

  it('scores its first mention with the active choice, loaded before the first score', async () => {
    const stored = await context.ingest.ingest(
      [raw({ externalId: 'first', text: 'De avondklok is echt belachelijk en schandalig.' })],
      { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
    );
    expect(context.nlp.loaded()).not.toBeNull();
    expect(stored.inserted).toHaveLength(1);
    expect(stored.inserted[0]!.sentimentModel).toBe(context.enricher.lexiconVersion);
    expect(stored.inserted[0]!.sentimentModel).toMatch(/^lexicon-nl@/);
  });
});
