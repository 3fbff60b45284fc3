import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerScoreCommand } from './score.command.js';

async function score(args: string[]): Promise<string> {
  const program = new Command('onderstroom').exitOverride();
  registerScoreCommand(program);
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'onderstroom', 'score', ...args]);
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
}

describe('onderstroom score', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onderstroom-score-'));
    await writeFile(
      join(dir, 'topics.yaml'),
      'version: test-1\ntopics:\n  - id: fietspad\n    label: Fietspad\n    terms: ["fietspad*"]\n',
    );
    await writeFile(join(dir, 'onderstroom.yaml'), 'topics:\n  file: ./topics.yaml\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([[''], ['   '], ['\n\t']])('refuses an empty text (%j) with a message', async (text) => {
    await expect(score([text])).rejects.toThrow(/no text to score/);
  });

  it('uses the taxonomy the configuration names', async () => {
    vi.stubEnv('ONDERSTROOM_CONFIG', join(dir, 'onderstroom.yaml'));
    const result = JSON.parse(await score(['Het nieuwe fietspad is echt prachtig geworden', '--json'])) as {
      topics: string[];
    };
    expect(result.topics).toEqual(['fietspad']);
  });
});
