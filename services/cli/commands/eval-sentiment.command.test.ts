import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../test/support/command.js';
import { registerEvalSentimentCommand } from './eval-sentiment.command.js';

let dir = '';
let file = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-sentiment-'));
  file = join(dir, 'posts.jsonl');
  const lines = [
    { id: 'a', text: 'Wat een schandalige puinhoop bij de teststraat', label: 'negative' },
    { id: 'b', text: 'Dank je wel, geweldig geregeld door de gemeente!', label: 'positive' },
    { id: 'c', text: 'Vanaf maandag gaan de scholen weer open.', label: 'neutral' },
    { id: 'd', text: 'iets anders', label: 'mixed' },
  ];
  await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runCli = (args: string[]): Promise<string> =>
  runCommand(registerEvalSentimentCommand, 'eval', ['sentiment', ...args]);

describe('onderstroom eval sentiment', () => {
  it('prints the figures the issue names as one JSON object, skipping other labels', async () => {
    const out = await runCli(['--data', file, '--classes', '3', '--json']);
    expect(out.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(out) as Record<string, unknown> & { per_class: Record<string, unknown> };
    expect(result).toMatchObject({ n: 3, accuracy: 1, macro_f1: 1 });
    expect(Object.keys(result.per_class)).toEqual(['positive', 'neutral', 'negative']);
    expect(result['texts_per_second']).toBeGreaterThan(0);
  });

  // One command run per test: each builds its scorer (about 1.5 s on a loaded machine).
  it('skips neutral texts with two classes, and names the scorer it used', async () => {
    const byDefault = await runCli(['--data', file, '--classes', '2']);
    expect(byDefault).toMatch(/2 classes, linear-nl@1\+\w+\): 2 texts/);
  });

  it('names the lexicon when it is the scorer asked for', async () => {
    const lexicon = await runCli(['--data', file, '--classes', '2', '--scorer', 'lexicon']);
    expect(lexicon).toMatch(/2 classes, lexicon-nl@1\+\w+\): 2 texts/);
  });

  it('refuses a scorer it does not have', async () => {
    await expect(runCli(['--data', file, '--scorer', 'bert'])).rejects.toThrow(/--scorer must be/);
  });
});
