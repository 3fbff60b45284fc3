// The import's batches, two in flight, against a register that is released by hand: the second batch is sent while
// the first is still being stored, never a third before one is done, and a failed batch fails the import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QuestionActor, RawQuestion } from './question.js';
import { importQuestionLog } from './question-import.service.js';
import type { QuestionsService, RegisterResult } from './questions.service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-question-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const actor: QuestionActor = { name: 'import:test', role: 'kcc', team: null, apiKeyId: null };

function log(rows: number): string {
  const file = path.join(dir, `log-${rows}.csv`);
  const lines = ['Registratienummer;Datum;Tijd;Kanaal;Vraag'];
  for (let i = 0; i < rows; i++)
    lines.push(`R-${i};02-12-2026;10:${String(i % 60).padStart(2, '0')};Telefoon;Vraag ${i}`);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** A register whose calls wait until released, counting how many are open at once. */
function heldRegister(failCall: number | null) {
  const releases: (() => void)[] = [];
  let calls = 0;
  let open = 0;
  let mostOpen = 0;
  const register = async (_actor: QuestionActor, source: string, raws: readonly RawQuestion[]) => {
    const call = ++calls;
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    await new Promise<void>((resolve) => releases.push(resolve));
    open -= 1;
    if (call === failCall) throw new Error(`batch ${call} failed`);
    const result: RegisterResult = {
      source,
      received: raws.length,
      new: raws.map((raw) => String(raw.external_id)),
      duplicates: [],
      ids: {},
      routed: {},
      faqProposals: {},
    };
    return result;
  };
  const service = { teams: new Map(), register } as unknown as QuestionsService;
  return {
    service,
    pending: () => releases.length,
    release: () => releases.shift()?.(),
    stats: () => ({ calls, mostOpen }),
  };
}

/**
 * Lets the import run until `ready` holds. Reading the file waits on disk I/O, which a count of event-loop turns does
 * not bound on a loaded machine (10,000 turns passed before the first chunk arrived in one CI run), so this waits by
 * the clock, with a deadline far beyond any real read.
 */
async function until(ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!ready()) throw new Error('the import did not get there within 20 s');
}

describe('importQuestionLog batches', () => {
  it('keeps two batches in flight and counts every row once', async () => {
    const held = heldRegister(null);
    const run = importQuestionLog(held.service, actor, log(3_500), {
      preset: 'kcc',
      timeZone: 'Europe/Amsterdam',
    });
    await until(() => held.pending() === 2);
    for (let released = 0; released < 4; released++) {
      await until(() => held.pending() > 0);
      expect(held.pending()).toBeLessThanOrEqual(2);
      held.release();
    }
    const result = await run;
    expect(result).toMatchObject({ rows: 3_500, new: 3_500, duplicates: 0 });
    expect(held.stats()).toEqual({ calls: 4, mostOpen: 2 });
  });

  it('fails the import with the error of a failed batch and sends no batch after it', async () => {
    const held = heldRegister(1);
    const run = importQuestionLog(held.service, actor, log(5_000), {
      preset: 'kcc',
      timeZone: 'Europe/Amsterdam',
    });
    const failed = expect(run).rejects.toThrow('batch 1 failed');
    await until(() => held.pending() === 2);
    held.release();
    await until(() => held.pending() === 1);
    held.release();
    await failed;
    expect(held.stats().calls).toBe(2);
  });
});
