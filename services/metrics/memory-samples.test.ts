import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMemorySamples, startMemorySamples } from './memory-samples.js';

describe('memory samples', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-memory-samples-'));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('write one sample at start and one at stop, each with the parts of the memory', () => {
    const file = path.join(dir, 'samples.jsonl');
    const sampler = startMemorySamples(file);
    const kept = Buffer.alloc(4 * 1024 * 1024, 1);
    sampler.stop();
    const samples = readMemorySamples(file);
    expect(samples).toHaveLength(2);
    for (const sample of samples) {
      expect(sample.rss).toBeGreaterThan(sample.heapUsed);
      expect(sample.heapTotal).toBeGreaterThanOrEqual(sample.heapUsed);
      expect(sample.newSpace).toBeGreaterThan(0);
      expect(sample.external).toBeGreaterThanOrEqual(sample.arrayBuffers);
    }
    // The Buffer allocated between the two samples is counted outside the heap.
    expect(samples[1]!.arrayBuffers - samples[0]!.arrayBuffers).toBeGreaterThanOrEqual(kept.length);
    expect(samples[1]!.at).toBeGreaterThanOrEqual(samples[0]!.at);
  });

  it('skip a line cut off by the end of the process', () => {
    const file = path.join(dir, 'cut.jsonl');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      file,
      '{"at":1,"rss":10,"heapTotal":5,"heapUsed":4,"newSpace":1,"external":1,"arrayBuffers":0}\n{"at":2,"rs',
    );
    expect(readMemorySamples(file).map((sample) => sample.at)).toEqual([1]);
  });
});
