// The composition root: configuration, database and repositories once per process, and each module built by its
// own factory on first use (see `lazy` below), so a process builds only what its role or command calls: the API
// role never builds detection or the scorer unless a request needs them, a one-off command only its own module.
// Routes and processors see the narrower views of api/api-deps.ts and workers/handlers.ts, never repositories.
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { logFormatFor, prettyDestination } from './log-format.js';
import { loadConfig } from './config/config.loader.js';
import { loadTaxonomy } from './config/taxonomy.loader.js';
import type { Config } from './config/config.schema.js';
import { DEFAULT_DATABASE_URL, type Env } from './config/env.js';
import { connectDatabase, type DatabaseHandle } from './db/client.js';
import { resolveDatabase, type ResolvedDatabase } from './db/bootstrap.js';
import { migrateToLatest } from './db/migrate.js';
import type { ImportService } from './ingest/import.service.js';
import type { ImportQueueService } from './ingest/import-queue.service.js';
import type { ExportFolderService } from './ingest/export-folder.service.js';
import type { IngestService } from './ingest/ingest.service.js';
import { createIngestModule } from './ingest/ingest.module.js';
import type { Enricher } from './nlp/enricher.js';
import { createNlpModule, type NlpModule, type Scoring } from './nlp/nlp.module.js';
import type { Taxonomy } from './nlp/taxonomy.js';
import { createExpiredIdHasher, createPseudonymiser, type Pseudonymiser } from './privacy/pseudonym.js';
import { loadPseudonymKey } from './privacy/pseudonym-key.js';
import { AccessLogRepository } from './repositories/access-log.repository.js';
import { ApiKeysRepository } from './repositories/api-keys.repository.js';
import { ImportsRepository } from './repositories/imports.repository.js';
import { MentionsReader, MentionsRepository, MentionsSampler } from './repositories/mentions.repository.js';
import { PartitionsRepository } from './repositories/partitions.repository.js';
import { RollupsRepository } from './repositories/rollups.repository.js';
import { SourcesRepository } from './repositories/sources.repository.js';
import { ScheduledJobsRepository } from './repositories/scheduled-jobs.repository.js';
import { AlertsRepository } from './repositories/alerts.repository.js';
import { DetectionRepository } from './repositories/detection.repository.js';
import { SentimentModelsRepository } from './repositories/sentiment-models.repository.js';
import { MentionSentimentRepository } from './repositories/mention-sentiment.repository.js';
import { ReportsRepository } from './repositories/reports.repository.js';
import { createUnitOfWork, type TxRepositories } from './repositories/unit-of-work.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { SeriesService } from './series/series.service.js';
import type { MentionsService } from './mentions/mentions.service.js';
import type { MentionsExportService } from './mentions/mentions-export.service.js';
import { createMentionsModule } from './mentions/mentions.module.js';
import { RetentionService } from './maintenance/retention.service.js';
import type { AlertContextService } from './alerts/alert-context.service.js';
import type { AlertsService } from './alerts/alerts.service.js';
import type { AlertReadsService } from './alerts/alert-reads.service.js';
import { buildChannels } from './alerts/channels/channel-registry.js';
import type { DeliveryService } from './alerts/delivery.service.js';
import type { DetectionService } from './alerts/detection.service.js';
import { alertRuleProblems, createAlertsModule, type AlertsModule } from './alerts/alerts.module.js';
import { DEFAULT_RULES, type RuleConfig } from './config/alerts.schema.js';
import { ConfigError } from './config/config-error.js';
import { readSecret } from './config/env.js';
import { TermsService } from './terms/terms.service.js';
import { TermsRequestService } from './terms/terms-request.service.js';
import type { PollService } from './sources/poll.service.js';
import { createPollerRegistry, POLLER_KINDS, type PollerRegistry } from './sources/poller.registry.js';
import { registerSourcePollers } from './sources/source-pollers.js';
import type { PushService } from './sources/push.service.js';
import type { SourceStatusService } from './sources/source-status.js';
import { createSourcesModule } from './sources/sources.module.js';
import { createSchedulingModule, type SchedulingServices } from './scheduling/scheduling.module.js';
import { parseSources, type SourceConfig } from './sources/sources.schema.js';
import { createMeasuresModule, type MeasuresModule } from './measures/index.js';
import type { Publication } from './measures/publication.js';
import { registerMeasureWatchers } from './measures/watchers/watcher-pollers.js';
import { createMeasureClassifier } from './measures/measure.classifier.js';
import { resolveTopicId } from './nlp/taxonomy.js';
import type { SentimentModelService } from './nlp/model/sentiment-model.service.js';
import type { SentimentCorrectionsService } from './nlp/sentiment-corrections.service.js';
import type { RescoreService } from './nlp/rescore.service.js';
import { createQuestionsModule, type QuestionsModule } from './questions/index.js';
import { createUsersModule, type UsersModule } from './users/index.js';
import { createFaqsModule, type FaqsModule } from './faqs/index.js';
import { GrafanaService } from './grafana/grafana.service.js';
import { Metrics } from './metrics/metrics.js';
import { EnvironmentAnalysisService } from './analyses/environment-analysis.service.js';
import type { WeeklyReport } from './reports/weekly/weekly-report.renderer.js';
import type { ReportDeliveryService } from './reports/delivery/report-delivery.service.js';
import { createReportsModule } from './reports/reports.module.js';

/** The repositories, for tests and tools that arrange data; routes and processors never see them. */
export interface Repositories {
  partitions: PartitionsRepository;
  mentions: MentionsRepository;
  mentionsReader: MentionsReader;
  rollups: RollupsRepository;
  sources: SourcesRepository;
  scheduledJobs: ScheduledJobsRepository;
  imports: ImportsRepository;
  apiKeys: ApiKeysRepository;
  accessLog: AccessLogRepository;
  alerts: AlertsRepository;
  detection: DetectionRepository;
  sampler: MentionsSampler;
  sentimentModels: SentimentModelsRepository;
  mentionSentiment: MentionSentimentRepository;
  reports: ReportsRepository;
}

/** What a process is made of. Every service member is built on its first use, from its module's factory. */
export interface AppContext {
  env: Env;
  config: Config;
  configFile: string | null;
  log: Logger;
  database: DatabaseHandle;
  taxonomy: Taxonomy;
  pseudonymise: Pseudonymiser;
  repositories: Repositories;
  /** Language, sentiment and topics: the scorer, built on the first `load()` (services/nlp/nlp.module.ts). */
  nlp: NlpModule;
  /** The scorer once loaded (see ContextOptions.scoring); throws before. */
  enricher: Enricher;
  ingest: IngestService;
  imports: ImportService;
  /** Exports by upload and watched folder: checked, queued on `ingest`, imported by a worker with `imports`. */
  importQueue: ImportQueueService;
  exportFolders: ExportFolderService;
  apiKeys: ApiKeysService;
  series: SeriesService;
  mentions: MentionsService;
  /** The CSV download of stored mentions. */
  mentionsExport: MentionsExportService;
  retention: RetentionService;
  terms: TermsService;
  /** /api/v1/terms/emerging as it is asked: range, checks, the API's rows. */
  termsRequests: TermsRequestService;
  alerts: AlertsService;
  alertContext: AlertContextService;
  /** Alerts as the API shows them: example posts only for analysts, each read logged. */
  alertReads: AlertReadsService;
  /** The measures module, one service per job: timeline file, editing, effects, annotations, nearest, sink. */
  measures: MeasuresModule;
  detection: DetectionService;
  deliveries: DeliveryService;
  rules: readonly RuleConfig[];
  /** The `sources:` of the config, each checked against its kind. */
  sourceConfigs: readonly SourceConfig[];
  polls: PollService<Publication>;
  push: PushService;
  /** What GET /api/v1/sources and `sources list` show per source. */
  sourceStatus: SourceStatusService;
  /** Gives configured sources their row before a schedule or a key refers to one. */
  syncConfiguredSources(sources: readonly SourceConfig[]): Promise<void>;
  /** Which recurring jobs run, and the scheduler's part of /health. */
  scheduling: SchedulingServices;
  /** Learned Dutch sentiment: train, status, activate; keeps `enricher` on the active model (once loaded). */
  sentimentModels: SentimentModelService;
  sentimentCorrections: SentimentCorrectionsService;
  /** Scores stored mentions again (once the scorer is loaded). */
  rescore: RescoreService;
  /** The question register: register, queue, follow-up, notices, retention. */
  questions: QuestionsModule;
  /** Users and sessions of the web pages (beside the API keys). */
  users: UsersModule;
  /** The FAQ register: FAQs, versions, import, stale flags from measure changes, owners' notices. */
  faqs: FaqsModule;
  /** The rows of the /grafana endpoints. */
  grafana: GrafanaService;
  /** This process's Prometheus metrics (GET /metrics, or the metrics listener of a worker or scheduler). */
  metrics: Metrics;
  /** The environment analysis document of a period. */
  analyses: EnvironmentAnalysisService;
  /** The weekly situation report (services/reports/weekly): HTML and PDF of an ISO week. */
  weeklyReport: WeeklyReport;
  /** The weekly report and the daily digest on their schedule, once per period and channel (`reports.tick`). */
  reportDeliveries: ReportDeliveryService;
  /** For /health: resolves when the database answers. */
  pingDatabase(): Promise<void>;
  close(): Promise<void>;
}

export function createLogger(env: Env, name = 'onderstroom', level = env.logLevel): Logger {
  // Logs go to stderr, so a command's --json output on stdout stays clean; readable lines on a terminal.
  const destination =
    logFormatFor(process.stderr) === 'pretty' ? prettyDestination(process.stderr) : pino.destination(2);
  return pino({ name, level }, destination);
}

/** The pollers of every polled kind: the sources module's own and the measures module's watchers. */
export function createPollers(): PollerRegistry<Publication> {
  const pollers = createPollerRegistry<Publication>();
  registerSourcePollers(pollers);
  registerMeasureWatchers(pollers);
  // What the exhaustive switch over kinds once checked at compile time, checked before anything starts.
  const missing = pollers.missing(POLLER_KINDS);
  if (missing.length > 0) throw new Error(`no poller is registered for kind ${missing.join(', ')}`);
  return pollers;
}

export interface ContextOptions {
  log?: Logger;
  /** Run migrations before anything else (start and import do; read-only commands need not). */
  migrate?: boolean;
  poolSize?: number;
  /** Refuse channels that cannot send (an unset secret). Only the worker delivers; one-off commands pass false. */
  deliver?: boolean;
  /**
   * 'at-start' (the default) builds the scorer and loads the active sentiment model before the context is
   * returned; 'on-use' leaves both to the first call that scores (the API role: most requests only read), and
   * `enricher`, `sentimentModels` and `rescore` then throw until `nlp.load()` has finished once.
   */
  scoring?: 'at-start' | 'on-use';
}

type BuiltOnUse =
  | 'enricher'
  | 'sentimentModels'
  | 'rescore'
  | 'ingest'
  | 'imports'
  | 'importQueue'
  | 'exportFolders'
  | 'apiKeys'
  | 'series'
  | 'mentions'
  | 'mentionsExport'
  | 'retention'
  | 'terms'
  | 'termsRequests'
  | 'alerts'
  | 'alertContext'
  | 'alertReads'
  | 'detection'
  | 'deliveries'
  | 'measures'
  | 'polls'
  | 'push'
  | 'sourceStatus'
  | 'scheduling'
  | 'users'
  | 'grafana'
  | 'analyses'
  | 'weeklyReport'
  | 'reportDeliveries';

/**
 * An object whose members are built on their first read, once. A member can still be replaced (tests put a
 * failing fake over one with Object.assign on an Object.create of the context).
 */
function lazyMembers<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const members = {} as T;
  for (const key of Object.keys(builders) as (keyof T)[]) {
    const own = (on: T, value: T[keyof T]) =>
      Object.defineProperty(on, key, { value, writable: true, configurable: true, enumerable: true });
    Object.defineProperty(members, key, {
      configurable: true,
      enumerable: true,
      get(this: T) {
        const value = builders[key]();
        own(this, value);
        return value;
      },
      set(this: T, value: T[keyof T]) {
        own(this, value);
      },
    });
  }
  return members;
}

/** A member built on its first use, once. */
function lazy<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => (built ??= { value: build() }).value;
}

export async function createAppContext(env: Env, options: ContextOptions = {}): Promise<AppContext> {
  // One-off commands (import, keys, ...) print their own output; their log shows only warnings unless asked.
  const log = options.log ?? createLogger(env, 'onderstroom', env.logLevelExplicit ? env.logLevel : 'warn');
  const { config, file: configFile } = loadConfig(env.configPath, env.configPathExplicit);
  // loadConfig has already refused a file with problems in its sources; this gives their typed form.
  const sourceConfigs = parseSources(config.sources);
  const pollers = createPollers();
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
  const closeAll = async () => {
    await database.close();
    await resolved.stop();
  };
  try {
    if (options.migrate !== false) {
      const results = await migrateToLatest(database.db);
      for (const result of results) log.info(`migration ${result.migrationName}: ${result.status}`);
    }
  } catch (error) {
    await closeAll();
    throw error;
  }

  const db = database.db;
  const metrics = new Metrics({ pool: database.pool });
  const partitions = new PartitionsRepository(db);
  const repositories: Repositories = {
    partitions,
    mentions: new MentionsRepository(db, partitions, config.privacy.retention_days, database.pool),
    mentionsReader: new MentionsReader(db),
    rollups: new RollupsRepository(db),
    sources: new SourcesRepository(db),
    scheduledJobs: new ScheduledJobsRepository(db),
    imports: new ImportsRepository(db),
    apiKeys: new ApiKeysRepository(db),
    accessLog: new AccessLogRepository(db),
    alerts: new AlertsRepository(db),
    detection: new DetectionRepository(db),
    sampler: new MentionsSampler(db),
    sentimentModels: new SentimentModelsRepository(db),
    mentionSentiment: new MentionSentimentRepository(db),
    reports: new ReportsRepository(db),
  };
  const unitOfWork = createUnitOfWork(db);
  const pseudonymise = createPseudonymiser(pseudonymKey.key, config.privacy.public_accounts);
  const topicList = taxonomy.topics.map((topic) => topic.id);
  const topicIds = new Set(topicList);
  const topicLabels = new Map(taxonomy.topics.map((topic) => [topic.id, topic.label]));
  const topicLabel = (id: string) => topicLabels.get(id) ?? id;

  // Checked at once, so a bad rule or channel stops every process at start-up rather than at first use.
  const rules = config.alerts.rules ?? DEFAULT_RULES;
  const { channels, problems: channelProblems } = buildChannels(config.alerts.channels, readSecret);
  const fatalChannelProblems = options.deliver === false ? [] : channelProblems;
  const ruleProblems = alertRuleProblems(rules, topicLabels);
  if (ruleProblems.length + fatalChannelProblems.length > 0) {
    await closeAll();
    throw new ConfigError(configFile ?? 'configuration', [...ruleProblems, ...fatalChannelProblems]);
  }

  const nlp = createNlpModule({
    taxonomy,
    sentimentModels: repositories.sentimentModels,
    mentionSentiment: repositories.mentionSentiment,
    log,
    scoringThreads: env.scoringThreads,
  });
  const scoring = (): Scoring => {
    const loaded = nlp.loaded();
    if (loaded === null) throw new Error('the scorer is built on first use: await context.nlp.load() first');
    return loaded;
  };

  // Before the questions: a registered question is matched to the published FAQs.
  const faqs = createFaqsModule({
    db,
    resolveTopic: (value) => {
      const lower = value.toLowerCase();
      return (
        resolveTopicId(taxonomy, value) ??
        taxonomy.topics.find((topic) => topic.id === lower || topic.label.toLowerCase() === lower)?.id ??
        null
      );
    },
    topicIds: topicList,
    teams: config.questions.teams,
    coordinatorChannels: config.questions.coordinator_channels,
    channels,
    webUrl: env.webUrl,
    accessLog: repositories.accessLog,
    timeZone: config.timezone,
  });
  // Built at once: its configuration (teams, opening hours, routing) is checked here.
  const questionsBuilt = createQuestionsModule({
    db,
    webUrl: env.webUrl,
    config: config.questions,
    timeZone: config.timezone,
    textRetentionDays: config.privacy.retention_days,
    enricher: async () => (await nlp.load()).enricher,
    topicIds,
    channels,
    accessLog: repositories.accessLog,
    faqs: faqs.forQuestions,
  });
  if (questionsBuilt.module === null) {
    await closeAll();
    throw new ConfigError(configFile ?? 'configuration', questionsBuilt.problems);
  }
  const questions = questionsBuilt.module;

  // Everything below is built on its first use: each builder names what it depends on.
  const terms = lazy(() => new TermsService(repositories.sampler));
  const alertsModule = lazy((): AlertsModule =>
    createAlertsModule({
      alerts: repositories.alerts,
      rollups: repositories.rollups,
      sampler: repositories.sampler,
      accessLog: repositories.accessLog,
      questions: questions.repository,
      unitOfWork,
      terms: terms(),
      config: config.alerts,
      rules,
      topicIds: topicList,
      topicLabel,
      channels,
      timeZone: config.timezone,
      publicUrl: env.publicUrl,
      nearestMeasure: (at, topics) => measures().nearest(at, topics),
      metrics,
    }),
  );
  const measures = lazy((): MeasuresModule =>
    createMeasuresModule({
      db,
      unitOfWork,
      classifier: createMeasureClassifier(taxonomy),
      resolveTopic: (id) => resolveTopicId(taxonomy, id),
      topicLabel,
      topicIds: topicList,
      timezone: config.timezone,
      // A measure change is an alert and, in the same transaction, flags the FAQs it may have made stale.
      alerts: {
        measureChanged: async (input, tx) => {
          const write = async (repos: TxRepositories) => {
            const raised = await alertsModule().alerts.measureChanged(input, repos);
            await faqs.stale.measureChanged(input, repos);
            return raised;
          };
          return tx ? write(tx) : unitOfWork.transaction((repos) => write(repos));
        },
      },
      link: (fromMs, toMs) => alertsModule().alertContext.link('onderstroom-maatregelen', fromMs, toMs),
    }),
  );
  const ingestModule = lazy(() =>
    createIngestModule({
      mentions: repositories.mentions,
      sources: repositories.sources,
      imports: repositories.imports,
      accessLog: repositories.accessLog,
      prepareContext: async () => {
        const { enricher } = await nlp.load();
        const pool = await nlp.scoringPool();
        return {
          enricher,
          pseudonymise,
          now: new Date(),
          ...(pool === null ? {} : { enrichMany: (inputs) => pool.enrichMany(inputs) }),
        };
      },
      metrics,
      retentionDays: config.privacy.retention_days,
      uploadDir: path.join(env.dataDir, 'uploads'),
      uploadMaxBytes: env.uploadMaxBytes,
      configured: sourceConfigs.sources,
      scoringThreads: env.scoringThreads,
    }),
  );
  const scheduling = lazy(() =>
    createSchedulingModule({ scheduledJobs: repositories.scheduledJobs, sources: repositories.sources }),
  );
  metrics.watchSchedules(() => scheduling().health());
  metrics.watchReports(() => repositories.reports.figures());
  const sources = lazy(() =>
    createSourcesModule<Publication>({
      sources: repositories.sources,
      configured: sourceConfigs.sources,
      pollers,
      ingest: ingestModule().ingest,
      publications: measures().sink,
      alerts: {
        sourceFailing: async (source, failures, message) => {
          await alertsModule().alerts.sourceFailing(source, failures, message);
        },
        sourceRecovered: async (sourceId) => {
          await alertsModule().alerts.sourceRecovered(sourceId);
        },
      },
      alertAfter: config.alerts.source_failures.after,
      secret: (name) => readSecret(name),
      log,
      metrics,
    }),
  );
  const series = lazy(
    () => new SeriesService(repositories.rollups, topicIds, config.timezone, questions.questions),
  );
  const mentions = lazy(() =>
    createMentionsModule({
      reader: repositories.mentionsReader,
      accessLog: repositories.accessLog,
      topicIds,
      timeZone: config.timezone,
    }),
  );
  const grafana = lazy(
    () =>
      new GrafanaService({
        series: series(),
        mentions: mentions().mentions,
        alerts: alertsModule().alerts,
        measures: {
          list: (filter) => measures().editing.list(filter),
          anchorMs: (measure) => measures().annotations.anchorMs(measure),
          untilMs: (measure) => measures().annotations.untilMs(measure),
          annotations: (range, topic) => measures().annotations.annotations(range, topic),
          effects: (filter, options) => measures().effects.effects(filter, options),
        },
        questions: questions.questions,
        sources: repositories.sources,
        rollups: repositories.rollups,
        detection: repositories.detection,
        topics: taxonomy.topics,
        timeZone: config.timezone,
      }),
  );
  const analyses = lazy(
    () =>
      new EnvironmentAnalysisService({
        series: series(),
        rollups: repositories.rollups,
        mentions: mentions().mentions,
        alerts: alertsModule().alerts,
        effects: measures().effects,
        measuresInForce: (range, topic, limit) => measures().inForce(range, topic, limit),
        terms: terms(),
        faqGaps: faqs.gaps,
        sources: repositories.sources,
        sourceStatus: sources().status,
        // The document names the Dutch scorer in use: an analysis loads it.
        sentimentModel: { status: async (limit) => (await nlp.load()).sentimentModels.status(limit) },
        topics: taxonomy.topics,
        timeZone: config.timezone,
      }),
  );
  const reports = lazy(() =>
    createReportsModule({
      repository: repositories.reports,
      analyses: analyses(),
      series: series(),
      channels,
      config: config.reports,
      organisation: config.organisation.name,
      timeZone: config.timezone,
      webUrl: env.webUrl,
      dashboardLink: (dashboard, fromMs, toMs) => alertsModule().alertContext.link(dashboard, fromMs, toMs),
      faqGaps: (period, minCount) =>
        faqs.gaps.weeklyAlert(period, minCount, {
          webUrl: env.webUrl,
          topicLabel: (topic) => topicLabels.get(topic) ?? topic,
        }),
      log,
      metrics,
    }),
  );
  const apiKeys = lazy(() => new ApiKeysService(repositories.apiKeys));
  const users = lazy(() => createUsersModule({ db, teams: config.questions.teams, web: config.web }));
  const retention = lazy(
    () =>
      new RetentionService(repositories.mentions, partitions, createExpiredIdHasher(pseudonymKey.key), {
        alerts: repositories.alerts,
        retentionDays: config.privacy.retention_days,
      }),
  );
  const termsRequests = lazy(
    () => new TermsRequestService({ terms: terms(), series: series(), timeZone: config.timezone }),
  );

  if (options.scoring !== 'on-use') {
    try {
      await nlp.load();
    } catch (error) {
      await closeAll();
      throw error;
    }
  }

  // Read as members, built by the builders above on first read.
  const onUse = lazyMembers<Pick<AppContext, BuiltOnUse>>({
    enricher: () => scoring().enricher,
    sentimentModels: () => scoring().sentimentModels,
    rescore: () => scoring().rescore,
    ingest: () => ingestModule().ingest,
    imports: () => ingestModule().imports,
    importQueue: () => ingestModule().importQueue,
    exportFolders: () => ingestModule().exportFolders,
    apiKeys: () => apiKeys(),
    series: () => series(),
    mentions: () => mentions().mentions,
    mentionsExport: () => mentions().export,
    retention: () => retention(),
    terms: () => terms(),
    termsRequests: () => termsRequests(),
    alerts: () => alertsModule().alerts,
    alertContext: () => alertsModule().alertContext,
    alertReads: () => alertsModule().alertReads,
    detection: () => alertsModule().detection,
    deliveries: () => alertsModule().deliveries,
    measures: () => measures(),
    polls: () => sources().polls,
    push: () => sources().push,
    sourceStatus: () => sources().status,
    scheduling: () => scheduling(),
    users: () => users(),
    grafana: () => grafana(),
    analyses: () => analyses(),
    weeklyReport: () => reports().weeklyReport,
    reportDeliveries: () => reports().deliveries,
  });
  const eager: Omit<AppContext, BuiltOnUse> = {
    env,
    config,
    configFile,
    log,
    database,
    taxonomy,
    pseudonymise,
    repositories,
    rules,
    sourceConfigs: sourceConfigs.sources,
    metrics,
    nlp,
    questions,
    faqs,
    sentimentCorrections: nlp.sentimentCorrections,
    syncConfiguredSources: (configured) => repositories.sources.syncConfigured(configured),
    pingDatabase: () => database.ping(),
    // The scoring workers first: a batch they still hold fails before the database it would be stored in goes.
    close: async () => {
      await nlp.close();
      await closeAll();
    },
  };
  return Object.assign(onUse, eager);
}
