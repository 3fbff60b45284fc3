// The process's memory, sampled every 100 ms into a file of JSON lines, for benchmarks that must show which part
// of the memory grows (bench:upload): the RSS as the kernel counts it beside V8's heap, the young generation,
// external memory and the ArrayBuffers (the Buffers of request bodies live there, outside the heap).
// Started by workers/roles.ts only when ONDERSTROOM_MEMORY_SAMPLES names a file; never in a normal run.
import fs from 'node:fs';
import v8 from 'node:v8';

/** One sample; every size in bytes. */
export interface MemorySample {
  /** Milliseconds since the epoch, so a benchmark can pick the samples of its own time window. */
  at: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** The young generation's committed memory (both semi-spaces), which --max-semi-space-size caps. */
  newSpace: number;
  external: number;
  arrayBuffers: number;
}

export function memorySample(now = Date.now()): MemorySample {
  const usage = process.memoryUsage();
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    at: now,
    rss: usage.rss,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    newSpace: young?.physical_space_size ?? 0,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}

/** Appends a sample to `file` every `everyMs` until stopped; the timer never keeps the process alive. */
export function startMemorySamples(file: string, everyMs = 100): { stop(): void } {
  const fd = fs.openSync(file, 'a');
  const write = () => fs.writeSync(fd, `${JSON.stringify(memorySample())}\n`);
  write();
  const timer = setInterval(write, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      write();
      fs.closeSync(fd);
    },
  };
}

/** Reads such a file back (a benchmark's side); a line cut off by the process's end is skipped. */
export function readMemorySamples(file: string): MemorySample[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [JSON.parse(line) as MemorySample];
      } catch {
        return [];
      }
    });
}
