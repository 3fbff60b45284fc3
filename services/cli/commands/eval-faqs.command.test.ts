import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../test/support/command.js';
import { registerEvalFaqsCommand } from './eval-faqs.command.js';

let dir = '';
const faqs = [
  { id: 'afval', vraag: 'Wordt mijn huisvuil nog opgehaald?', antwoord: 'Ja, volgens de afvalkalender.' },
  {
    id: 'tozo',
    vraag: 'Wie komt in aanmerking voor Tozo?',
    antwoord: 'Zelfstandige ondernemers in de knel.',
  },
];
const queries = [
  { q: 'wordt het huisvuil nog opgehaald', faq: 'afval', split: 'dev' },
  { q: 'wie kan de tozo krijgen als zelfstandige', faq: 'tozo', split: 'test' },
  { q: 'hoe laat begint de avondklok', faq: null, split: 'test' },
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-faqs-'));
  await writeFile(join(dir, 'faqs.json'), JSON.stringify(faqs));
  await writeFile(join(dir, 'q.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
  await writeFile(join(dir, 'bad.jsonl'), '{"q":"x","faq":"nope"}\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]): Promise<string> =>
  runCommand(registerEvalFaqsCommand, 'eval', ['faqs', ...args]);

describe('onderstroom eval faqs', () => {
  it('prints the figures, their intervals and both baselines as one JSON object', async () => {
    const out = await run(['--faqs', join(dir, 'faqs.json'), '--queries', join(dir, 'q.jsonl'), '--json']);
    expect(out.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'n',
        'p_at_1',
        'mrr',
        'none_precision',
        'none_recall',
        'end_to_end_accuracy',
        'intervals',
        'baselines',
      ]),
    );
    expect(result['n']).toBe(3);
    expect(Object.keys(result['baselines'] as object)).toEqual(['char_tfidf', 'word_bm25']);
  });

  it('scores only the chosen split and prints lines for people by default', async () => {
    const out = await run([
      '--faqs',
      join(dir, 'faqs.json'),
      '--queries',
      join(dir, 'q.jsonl'),
      '--split',
      'test',
      '--json',
    ]);
    expect((JSON.parse(out) as { n: number }).n).toBe(2);
    const text = await run(['--faqs', join(dir, 'faqs.json'), '--queries', join(dir, 'q.jsonl')]);
    expect(text).toContain('baseline word BM25');
  });

  it('refuses an unknown split and a label naming no FAQ', async () => {
    await expect(
      run(['--faqs', join(dir, 'faqs.json'), '--queries', join(dir, 'q.jsonl'), '--split', 'x']),
    ).rejects.toThrow(/--split/);
    await expect(
      run(['--faqs', join(dir, 'faqs.json'), '--queries', join(dir, 'bad.jsonl')]),
    ).rejects.toThrow(/"nope"/);
  });
});
