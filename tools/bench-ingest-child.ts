// The import half of bench:ingest, in its own process: the same code path as `onderstroom import`, reporting its
// summary, its own peak resident memory, and the CPU the import took: this process's (every thread, so enrichment
// workers count) and that of the PostgreSQL backends serving it.
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import { watchDatabaseBackends } from './backend-cpu.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bench-ingest-child <file>');
const env = readEnv();
if (env.databaseUrl === null) throw new Error('bench-ingest-child needs DATABASE_URL');
const context = await createAppContext(env, { migrate: false });
const backends = await watchDatabaseBackends(env.databaseUrl);
const cpuBefore = process.cpuUsage();
const summary = await context.imports.importFile(file, { preset: 'obi4wan' });
const cpu = process.cpuUsage(cpuBefore);
const postgres = await backends.stop();
await context.close();
process.stdout.write(
  `${JSON.stringify({
    summary: { ...summary, rejected: summary.rejected.length, rejectedSample: summary.rejected.slice(0, 5) },
    scoringThreads: env.scoringThreads,
    maxRssKb: process.resourceUsage().maxRSS,
    nodeCpuMs: (cpu.user + cpu.system) / 1000,
    postgresCpuMs: postgres?.cpuMs ?? null,
    postgresBackends: postgres?.backends ?? null,
  })}\n`,
);
process.exit(0);
