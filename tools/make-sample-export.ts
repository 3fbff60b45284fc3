// Writes samples/obi4wan-sample.SYNTHETIC.csv: two weeks of invented posts in OBI4wan's export format, around the
// announcement (20 January 2021) and start (23 January 2021, 21:00) of the curfew, in Windows-1252 like an export
// that went through Excel. Run with `npm run sample`; the output is committed, so only rerun it when the generator
// changes. Usage: node dist-tools/tools/make-sample-export.js [output path]
import { resolve } from 'node:path';

import { writeSyntheticObi4wanExport } from './importers/synthetic-export.js';
import type { SyntheticEvent } from './importers/synthetic-export.js';

const SAMPLE_PATH = 'samples/obi4wan-sample.SYNTHETIC.csv';

// The dates are those of the real measures; the volumes and tones are invented.
const EVENTS: SyntheticEvent[] = [
  // Press conference of 20 January 2021, 19:00: a curfew is announced.
  { at: new Date('2021-01-20T18:00:00Z'), topic: 'avondklok', strength: 3, tone: -0.4 },
  // 23 January 2021, 21:00: the curfew takes effect.
  { at: new Date('2021-01-23T20:00:00Z'), topic: 'avondklok', strength: 2.5, tone: -0.3 },
  // The evenings after: unrest in several Dutch towns, talked about everywhere.
  { at: new Date('2021-01-24T19:00:00Z'), topic: 'avondklok', strength: 3, tone: -0.7, halfLifeHours: 12 },
];

const path = resolve(process.argv[2] ?? SAMPLE_PATH);
const result = await writeSyntheticObi4wanExport(path, {
  rows: 2000,
  seed: 20210118,
  start: new Date('2021-01-18T00:00:00+01:00'),
  days: 14,
  encoding: 'cp1252',
  events: EVENTS,
});
console.log(JSON.stringify({ path, rows: result.rows, bytes: result.bytes }));
