// The import half of bench:ingest, in its own process: the same code path as `onderstroom import`, reporting its
// summary and its own peak resident memory.
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bench-ingest-child <file>');
const context = await createAppContext(readEnv(), { migrate: false });
const summary = await context.imports.importFile(file, { preset: 'obi4wan' });
await context.close();
process.stdout.write(
  `${JSON.stringify({
    summary: { ...summary, rejected: summary.rejected.length, rejectedSample: summary.rejected.slice(0, 5) },
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
process.exit(0);
