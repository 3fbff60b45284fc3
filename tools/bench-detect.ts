// Cost of the streaming detector per point: runs it over every point of the NAB folder several times and prints JSON.
// Usage: node dist-tools/tools/bench-detect.js [nabDir]   (default ../shared/data/nab, relative to the working directory)
import { resolve } from 'node:path';
import { listNabFiles, readNabSeries, type NabSeries } from '../services/detector/nab.dataset.js';
import { ShareDetector } from '../services/detector/share.detector.js';
import { SpikeDetector } from '../services/detector/spike.detector.js';

const RUNS = 7;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One pass of `step` over every point of every series: CPU nanoseconds (what the process itself spent, so a busy
 * shared machine inflates it less) and wall-clock nanoseconds. The checksum keeps the work observable.
 */
function timePass(
  series: NabSeries[],
  step: (s: NabSeries) => number,
): { cpuNs: number; wallNs: number; checksum: number } {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let checksum = 0;
  for (const s of series) checksum += step(s);
  const used = process.cpuUsage(cpu);
  return {
    cpuNs: (used.user + used.system) * 1000,
    wallNs: Number(process.hrtime.bigint() - wall),
    checksum,
  };
}

async function main(): Promise<void> {
  const dataDir = resolve(process.argv[2] ?? '../shared/data/nab');
  const names = await listNabFiles(dataDir);
  const series = await Promise.all(names.map((n) => readNabSeries(resolve(dataDir, 'data', n))));
  const points = series.reduce((sum, s) => sum + s.values.length, 0);

  const spikePass = (s: NabSeries): number => {
    const detector = new SpikeDetector();
    let sum = 0;
    for (let i = 0; i < s.values.length; i++) sum += detector.update(s.timestamps[i]!, s.values[i]!).score;
    return sum;
  };
  // The share mode on the same points: the value as total mentions, a fixed part of them negative.
  const sharePass = (s: NabSeries): number => {
    const detector = new ShareDetector();
    let sum = 0;
    for (let i = 0; i < s.values.length; i++) {
      const total = Math.max(0, Math.round(Math.abs(s.values[i]!)));
      sum += detector.update(s.timestamps[i]!, Math.floor(total * 0.3), total).score;
    }
    return sum;
  };

  const spikeNs: number[] = [];
  const spikeWallNs: number[] = [];
  const shareNs: number[] = [];
  let checksum = 0;
  for (let run = 0; run < RUNS; run++) {
    const a = timePass(series, spikePass);
    const b = timePass(series, sharePass);
    spikeNs.push(a.cpuNs / points);
    spikeWallNs.push(a.wallNs / points);
    shareNs.push(b.cpuNs / points);
    checksum = a.checksum + b.checksum;
  }

  // State size after a whole series: what Postgres stores per followed series.
  const stateBytes = series.map((s) => {
    const detector = new SpikeDetector();
    for (let i = 0; i < s.values.length; i++) detector.update(s.timestamps[i]!, s.values[i]!);
    return Buffer.byteLength(JSON.stringify(detector.toState()));
  });
  const share = new ShareDetector();
  for (let i = 0; i < 5000; i++) share.update(i * 300_000, i % 7, 20);

  const nsPerPoint = median(spikeNs);
  process.stdout.write(
    `${JSON.stringify({
      dataDir,
      files: names.length,
      points,
      runs: RUNS,
      ns_per_point: Math.round(nsPerPoint),
      us_per_point: Number((nsPerPoint / 1000).toFixed(3)),
      ns_per_point_runs: spikeNs.map((x) => Math.round(x)),
      wall_ns_per_point: Math.round(median(spikeWallNs)),
      clock: 'process CPU time (user + system), median of runs; wall_ns_per_point for comparison',
      share_ns_per_point: Math.round(median(shareNs)),
      state_bytes: Math.max(...stateBytes),
      share_state_bytes: Buffer.byteLength(JSON.stringify(share.toState())),
      checksum: Number(checksum.toFixed(6)),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
