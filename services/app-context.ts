// The composition root: configuration, database, repositories and services, built once per process.
// Commands and roles take what they need from here; nothing else constructs repositories.
import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from './config/config.loader.js';
import type { Config } from './config/config.schema.js';
import { DEFAULT_DATABASE_URL, type Env } from './config/env.js';
import { connectDatabase, type DatabaseHandle } from './db/client.js';
import { resolveDatabase, type ResolvedDatabase } from './db/bootstrap.js';
import { migrateToLatest } from './db/migrate.js';
import { ImportService } from './ingest/import.service.js';
import { IngestService } from './ingest/ingest.service.js';
import { createEnricher, type Enricher } from './nlp/enricher.js';
import { defaultTaxonomy, parseTaxonomy, type Taxonomy } from './nlp/taxonomy.js';
import { createPseudonymiser, type Pseudonymiser } from './privacy/pseudonym.js';
import { loadPseudonymKey } from './privacy/pseudonym-key.js';
import { AccessLogRepository } from './repositories/access-log.repository.js';
import { ApiKeysRepository } from './repositories/api-keys.repository.js';
import { ImportsRepository } from './repositories/imports.repository.js';
import { MentionsReader, MentionsRepository } from './repositories/mentions.repository.js';
import { PartitionsRepository } from './repositories/partitions.repository.js';
import { RollupsRepository } from './repositories/rollups.repository.js';
import { SourcesRepository } from './repositories/sources.repository.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { SeriesService } from './series/series.service.js';
import { MentionsService } from './mentions/mentions.service.js';
import { RetentionService } from './maintenance/retention.service.js';
import { ConfigError } from './config/config-error.js';
import { readSecret } from './config/env.js';
import { PollService } from './sources/poll.service.js';
import { PushService } from './sources/push.service.js';
import { parseSources, type SourceConfig } from './sources/sources.schema.js';

export interface Repositories {
  partitions: PartitionsRepository;
  mentions: MentionsRepository;
  mentionsReader: MentionsReader;
  rollups: RollupsRepository;
  sources: SourcesRepository;
  imports: ImportsRepository;
  apiKeys: ApiKeysRepository;
  accessLog: AccessLogRepository;
}

export interface AppContext {
  env: Env;
  config: Config;
  configFile: string | null;
  log: Logger;
  database: DatabaseHandle;
  taxonomy: Taxonomy;
  enricher: Enricher;
  pseudonymise: Pseudonymiser;
  repositories: Repositories;
  ingest: IngestService;
  imports: ImportService;
  apiKeys: ApiKeysService;
  series: SeriesService;
  mentions: MentionsService;
  retention: RetentionService;
  /** The `sources:` of the config, each checked against its kind. */
  sourceConfigs: readonly SourceConfig[];
  polls: PollService;
  push: PushService;
  close(): Promise<void>;
}

export function createLogger(env: Env, name = 'onderstroom'): Logger {
  // Logs go to stderr, so a command's --json output on stdout stays clean.
  return pino({ name, level: env.logLevel }, pino.destination(2));
}

function loadTaxonomy(config: Config, configFile: string | null): Taxonomy {
  if (config.topics.file === undefined) return defaultTaxonomy();
  const file = path.resolve(configFile ? path.dirname(configFile) : process.cwd(), config.topics.file);
  return parseTaxonomy(fs.readFileSync(file, 'utf8'), file);
}

export interface ContextOptions {
  log?: Logger;
  /** Run migrations before anything else (start and import do; read-only commands need not). */
  migrate?: boolean;
  poolSize?: number;
}

export async function createAppContext(env: Env, options: ContextOptions = {}): Promise<AppContext> {
  const log = options.log ?? createLogger(env);
  const { config, file: configFile } = loadConfig(env.configPath, env.configPathExplicit);
  const sourceConfigs = parseSources(config.sources);
  if (sourceConfigs.problems.length > 0) {
    throw new ConfigError(configFile ?? 'configuration', sourceConfigs.problems);
  }
  const taxonomy = loadTaxonomy(config, configFile);
  const pseudonymKey = loadPseudonymKey(env.pseudonymKey, env.dataDir);
  if (pseudonymKey.origin === 'generated') {
    log.warn(
      `generated a pseudonym key in ${env.dataDir}; set ONDERSTROOM_PSEUDONYM_KEY when several machines share the data`,
    );
  }

  const resolved: ResolvedDatabase = await resolveDatabase({
    databaseUrl: env.databaseUrl,
    defaultUrl: DEFAULT_DATABASE_URL,
    dataDir: env.dataDir,
    log: (message) => log.info(message),
  });
  const database = connectDatabase(resolved.url, { max: options.poolSize ?? 10 });
  try {
    if (options.migrate !== false) {
      const results = await migrateToLatest(database.db);
      for (const result of results) log.info(`migration ${result.migrationName}: ${result.status}`);
    }
  } catch (error) {
    await database.close();
    await resolved.stop();
    throw error;
  }

  const db = database.db;
  const partitions = new PartitionsRepository(db);
  const repositories: Repositories = {
    partitions,
    mentions: new MentionsRepository(db, partitions, config.privacy.retention_days),
    mentionsReader: new MentionsReader(db),
    rollups: new RollupsRepository(db),
    sources: new SourcesRepository(db),
    imports: new ImportsRepository(db),
    apiKeys: new ApiKeysRepository(db),
    accessLog: new AccessLogRepository(db),
  };
  const enricher = createEnricher({ taxonomy });
  const pseudonymise = createPseudonymiser(pseudonymKey.key, config.privacy.public_accounts);
  const topicIds = new Set(taxonomy.topics.map((topic) => topic.id));
  const ingest = new IngestService(repositories.mentions, () => ({
    enricher,
    pseudonymise,
    now: new Date(),
  }));
  const polls = new PollService({
    sources: repositories.sources,
    ingest,
    // Until the alerts module is wired in, a failing source is only logged (and shown by GET /api/v1/sources).
    alerts: {
      sourceFailing: (source, failures, message) =>
        Promise.resolve(
          log.error({ source: source.id, failures }, `source ${source.id} keeps failing: ${message}`),
        ),
      sourceRecovered: (sourceId) =>
        Promise.resolve(log.info({ source: sourceId }, `source ${sourceId} recovered`)),
    },
    configured: sourceConfigs.sources,
    alertAfter: 3,
    secret: (name) => readSecret(name),
    log,
  });
  const push = new PushService({ configured: sourceConfigs.sources, sources: repositories.sources, ingest });

  return {
    env,
    config,
    configFile,
    log,
    database,
    taxonomy,
    enricher,
    pseudonymise,
    repositories,
    ingest,
    imports: new ImportService(ingest, repositories.sources, repositories.imports),
    apiKeys: new ApiKeysService(repositories.apiKeys),
    series: new SeriesService(repositories.rollups, topicIds, config.timezone),
    mentions: new MentionsService(repositories.mentionsReader, repositories.accessLog, topicIds),
    retention: new RetentionService(db, partitions),
    sourceConfigs: sourceConfigs.sources,
    polls,
    push,
    async close() {
      await database.close();
      await resolved.stop();
    },
  };
}
