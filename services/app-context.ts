// The composition root: configuration, database, repositories and services, built once per process.
// Commands and roles take what they need from here; nothing else constructs repositories.
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
import { ImportService } from './ingest/import.service.js';
import { ImportQueueService } from './ingest/import-queue.service.js';
import { ExportFolderService } from './ingest/export-folder.service.js';
import { IngestService } from './ingest/ingest.service.js';
import { createEnricher, type Enricher } from './nlp/enricher.js';
import type { Taxonomy } from './nlp/taxonomy.js';
import { createExpiredIdHasher, createPseudonymiser, type Pseudonymiser } from './privacy/pseudonym.js';
import { loadPseudonymKey } from './privacy/pseudonym-key.js';
import { AccessLogRepository } from './repositories/access-log.repository.js';
import { ApiKeysRepository } from './repositories/api-keys.repository.js';
import { ImportsRepository } from './repositories/imports.repository.js';
import { MentionsReader, MentionsRepository } from './repositories/mentions.repository.js';
import { PartitionsRepository } from './repositories/partitions.repository.js';
import { RollupsRepository } from './repositories/rollups.repository.js';
import { SourcesRepository } from './repositories/sources.repository.js';
import { ScheduledJobsRepository } from './repositories/scheduled-jobs.repository.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { SeriesService } from './series/series.service.js';
import { MentionsService } from './mentions/mentions.service.js';
import { MentionsExportService } from './mentions/mentions-export.service.js';
import { RetentionService } from './maintenance/retention.service.js';
import { AlertContextService } from './alerts/alert-context.service.js';
import { AlertsService } from './alerts/alerts.service.js';
import { AlertReadsService } from './alerts/alert-reads.service.js';
import { buildChannels } from './alerts/channels/channel-registry.js';
import { DeliveryService } from './alerts/delivery.service.js';
import { DetectionService } from './alerts/detection.service.js';
import { createSeriesBuckets } from './alerts/series-buckets.js';
import { detectionSeries, ruleSeries } from './alerts/detection-series.js';
import { createSpikeDetectorFactory } from './alerts/spike-detector.factory.js';
import { DEFAULT_RULES, type RuleConfig } from './config/alerts.schema.js';
import { ConfigError } from './config/config-error.js';
import { parseDuration } from './config/duration.js';
import { readSecret } from './config/env.js';
import { AlertsRepository } from './repositories/alerts.repository.js';
import { DetectionRepository } from './repositories/detection.repository.js';
import { createUnitOfWork, type TxRepositories } from './repositories/unit-of-work.js';
import { MentionsSampler } from './repositories/mentions.repository.js';
import { TermsService } from './terms/terms.service.js';
import { TermsRequestService } from './terms/terms-request.service.js';
import { PollService } from './sources/poll.service.js';
import { createPollerRegistry, POLLER_KINDS, type PollerRegistry } from './sources/poller.registry.js';
import { registerSourcePollers } from './sources/source-pollers.js';
import { PushService } from './sources/push.service.js';
import { SourceStatusService } from './sources/source-status.js';
import { createSchedulingModule, type SchedulingServices } from './scheduling/scheduling.module.js';
import { parseSources, type SourceConfig } from './sources/sources.schema.js';
import { createMeasuresModule, type MeasuresModule } from './measures/index.js';
import type { Publication } from './measures/publication.js';
import { registerMeasureWatchers } from './measures/watchers/watcher-pollers.js';
import { createMeasureClassifier } from './measures/measure.classifier.js';
import { resolveTopicId } from './nlp/taxonomy.js';
import { SentimentModelsRepository } from './repositories/sentiment-models.repository.js';
import { MentionSentimentRepository } from './repositories/mention-sentiment.repository.js';
import { SentimentModelService } from './nlp/model/sentiment-model.service.js';
import { createModelRefresher } from './nlp/model/model-refresh.js';
import { SentimentCorrectionsService } from './nlp/sentiment-corrections.service.js';
import { RescoreService } from './nlp/rescore.service.js';
import { createQuestionsModule, type QuestionsModule } from './questions/index.js';
import { createUsersModule, type UsersModule } from './users/index.js';
import { createFaqsModule, type FaqsModule } from './faqs/index.js';
import { GrafanaService } from './grafana/grafana.service.js';
import { Metrics } from './metrics/metrics.js';
import { EnvironmentAnalysisService } from './analyses/environment-analysis.service.js';
import {
  createWeeklyReportRenderer,
  WeeklyReport,
  type WeeklyReportDeps,
} from './reports/weekly/weekly-report.renderer.js';
import { ReportDeliveryService } from './reports/delivery/report-delivery.service.js';
import { ReportsRepository } from './repositories/reports.repository.js';
import { createPdfPrinter } from './reports/weekly/pdf-printer.js';

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
  /** Which recurring jobs run, and the scheduler's part of /health. */
  scheduling: SchedulingServices;
  /** Learned Dutch sentiment: train, status, activate; keeps `enricher` on the active model. */
  sentimentModels: SentimentModelService;
  sentimentCorrections: SentimentCorrectionsService;
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
  const enricher = createEnricher({ taxonomy });
  const sentimentModels = new SentimentModelService(
    repositories.sentimentModels,
    repositories.mentionSentiment,
    enricher,
  );
  // Loaded once at start-up; the ingest path then checks for a newly activated model at most once a minute.
  const modelRefresher = createModelRefresher(
    () => sentimentModels.refresh(),
    (error) => log.warn({ err: error }, 'could not check the active sentiment model; keeping the one in use'),
  );
  await modelRefresher.check().catch((error: unknown) => {
    log.warn({ err: error }, 'could not load the active sentiment model; scoring with the shipped one');
  });
  const pseudonymise = createPseudonymiser(pseudonymKey.key, config.privacy.public_accounts);
  const topicIds = new Set(taxonomy.topics.map((topic) => topic.id));
  const topicLabels = new Map(taxonomy.topics.map((topic) => [topic.id, topic.label]));
  const topicLabel = (id: string) => topicLabels.get(id) ?? id;
  const rules = config.alerts.rules ?? DEFAULT_RULES;
  const ruleProblems = rules.flatMap((rule, i) =>
    rule.topic === 'all' || rule.topic === 'each' || topicLabels.has(rule.topic)
      ? []
      : [
          `alerts.rules[${i}].topic: unknown topic "${rule.topic}"; use all, each or one of ${[...topicLabels.keys()].join(', ')}`,
        ],
  );
  const { channels, problems: channelProblems } = buildChannels(config.alerts.channels, readSecret);
  const fatalChannelProblems = options.deliver === false ? [] : channelProblems;
  if (ruleProblems.length + fatalChannelProblems.length > 0) {
    await database.close();
    await resolved.stop();
    throw new ConfigError(configFile ?? 'configuration', [...ruleProblems, ...fatalChannelProblems]);
  }
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
    topicIds: taxonomy.topics.map((topic) => topic.id),
    teams: config.questions.teams,
    coordinatorChannels: config.questions.coordinator_channels,
    channels,
    webUrl: env.webUrl,
    accessLog: repositories.accessLog,
    timeZone: config.timezone,
  });
  const questionsBuilt = createQuestionsModule({
    db,
    webUrl: env.webUrl,
    config: config.questions,
    timeZone: config.timezone,
    textRetentionDays: config.privacy.retention_days,
    enricher,
    topicIds,
    channels,
    accessLog: repositories.accessLog,
    faqs: faqs.forQuestions,
  });
  if (questionsBuilt.module === null) {
    await database.close();
    await resolved.stop();
    throw new ConfigError(configFile ?? 'configuration', questionsBuilt.problems);
  }
  const topicList = taxonomy.topics.map((topic) => topic.id);
  const rulesBySeries = new Map<string, RuleConfig[]>();
  for (const rule of rules) {
    for (const series of ruleSeries(rule, topicList))
      rulesBySeries.set(series.key, [...(rulesBySeries.get(series.key) ?? []), rule]);
  }
  const terms = new TermsService(repositories.sampler);
  const alertContext = new AlertContextService(
    repositories.sampler,
    terms,
    env.publicUrl,
    questionsBuilt.module.repository,
  );
  const unitOfWork = createUnitOfWork(db);
  const alerts = new AlertsService(
    repositories.alerts,
    unitOfWork,
    alertContext,
    config.alerts,
    config.timezone,
    topicLabel,
    undefined,
    metrics,
  );
  const detection = new DetectionService(
    unitOfWork,
    createSeriesBuckets(repositories.rollups, questionsBuilt.module.repository, config.timezone),
    alerts,
    createSpikeDetectorFactory(config.timezone),
    detectionSeries(rules, topicList),
    rulesBySeries,
    parseDuration(config.alerts.resolve_after),
    metrics,
  );
  const deliveries = new DeliveryService(repositories.alerts, channels, undefined, undefined, metrics);
  const measures = createMeasuresModule({
    db,
    unitOfWork,
    classifier: createMeasureClassifier(taxonomy),
    resolveTopic: (id) => resolveTopicId(taxonomy, id),
    topicLabel,
    topicIds: taxonomy.topics.map((topic) => topic.id),
    timezone: config.timezone,
    // A measure change is an alert and, in the same transaction, flags the FAQs it may have made stale.
    alerts: {
      measureChanged: async (input, tx) => {
        const write = async (repos: TxRepositories) => {
          const raised = await alerts.measureChanged(input, repos);
          await faqs.stale.measureChanged(input, repos);
          return raised;
        };
        return tx ? write(tx) : unitOfWork.transaction((repos) => write(repos));
      },
    },
    link: (fromMs, toMs) => alertContext.link('onderstroom-maatregelen', fromMs, toMs),
  });
  // Spike and drop alerts mention the measure nearest to them.
  alertContext.nearestMeasure = measures.nearest;

  const ingest = new IngestService(
    repositories.mentions,
    () => {
      modelRefresher.poke();
      return { enricher, pseudonymise, now: new Date() };
    },
    metrics,
  );
  const scheduling = createSchedulingModule({
    scheduledJobs: repositories.scheduledJobs,
    sources: repositories.sources,
  });
  metrics.watchSchedules(() => scheduling.health());
  const polls = new PollService({
    sources: repositories.sources,
    pollers,
    ingest,
    publications: measures.sink,
    alerts: {
      sourceFailing: async (source, failures, message) => {
        await alerts.sourceFailing(source, failures, message);
      },
      sourceRecovered: async (sourceId) => {
        await alerts.sourceRecovered(sourceId);
      },
    },
    configured: sourceConfigs.sources,
    alertAfter: config.alerts.source_failures.after,
    secret: (name) => readSecret(name),
    log,
    metrics,
  });
  const push = new PushService({ configured: sourceConfigs.sources, sources: repositories.sources, ingest });
  const series = new SeriesService(
    repositories.rollups,
    topicIds,
    config.timezone,
    questionsBuilt.module.questions,
  );
  const mentions = new MentionsService(repositories.mentionsReader, repositories.accessLog, topicIds);
  const grafana = new GrafanaService({
    series,
    mentions,
    alerts,
    measures: {
      list: (filter) => measures.editing.list(filter),
      anchorMs: (measure) => measures.annotations.anchorMs(measure),
      untilMs: (measure) => measures.annotations.untilMs(measure),
      annotations: (range, topic) => measures.annotations.annotations(range, topic),
      effects: (filter, options) => measures.effects.effects(filter, options),
    },
    questions: questionsBuilt.module.questions,
    sources: repositories.sources,
    rollups: repositories.rollups,
    detection: repositories.detection,
    topics: taxonomy.topics,
    timeZone: config.timezone,
  });

  const imports = new ImportService(ingest, repositories.sources, repositories.imports, {
    retentionDays: config.privacy.retention_days,
    metrics,
    accessLog: repositories.accessLog,
  });
  const importQueue = new ImportQueueService(
    repositories.imports,
    imports,
    repositories.sources,
    repositories.accessLog,
    {
      uploadDir: path.join(env.dataDir, 'uploads'),
      maxBytes: env.uploadMaxBytes,
      retentionDays: config.privacy.retention_days,
    },
  );
  const analyses = new EnvironmentAnalysisService({
    series,
    rollups: repositories.rollups,
    mentions,
    alerts,
    effects: measures.effects,
    measuresInForce: (range, topic, limit) => measures.inForce(range, topic, limit),
    terms,
    sources: repositories.sources,
    sourceStatus: new SourceStatusService(repositories.sources, sourceConfigs.sources),
    sentimentModel: sentimentModels,
    topics: taxonomy.topics,
    timeZone: config.timezone,
  });
  // One printer for the page, the CLI and the schedule: it prints one document at a time.
  const weeklyReportDeps: WeeklyReportDeps = {
    analyses,
    series,
    print: createPdfPrinter(),
    organisation: config.organisation.name,
    timeZone: config.timezone,
  };
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
    imports,
    importQueue,
    exportFolders: new ExportFolderService(
      sourceConfigs.sources,
      repositories.sources,
      repositories.imports,
      importQueue,
    ),
    apiKeys: new ApiKeysService(repositories.apiKeys),
    series,
    mentions,
    mentionsExport: new MentionsExportService(mentions, config.timezone),
    retention: new RetentionService(db, partitions, createExpiredIdHasher(pseudonymKey.key), {
      alerts: repositories.alerts,
      retentionDays: config.privacy.retention_days,
    }),
    alertReads: new AlertReadsService(alerts, repositories.accessLog),
    sourceConfigs: sourceConfigs.sources,
    polls,
    push,
    sourceStatus: new SourceStatusService(repositories.sources, sourceConfigs.sources),
    scheduling,
    sentimentModels,
    sentimentCorrections: new SentimentCorrectionsService(repositories.mentionSentiment),
    rescore: new RescoreService(repositories.mentionSentiment, enricher),
    questions: questionsBuilt.module,
    users: createUsersModule({ db, teams: config.questions.teams, web: config.web }),
    faqs,
    grafana,
    analyses,
    weeklyReport: new WeeklyReport(weeklyReportDeps),
    reportDeliveries: new ReportDeliveryService({
      repository: repositories.reports,
      channels,
      config: config.reports,
      timeZone: config.timezone,
      renderWeekly: createWeeklyReportRenderer(weeklyReportDeps),
      analyses,
      webUrl: env.webUrl,
      dashboardLink: (dashboard, fromMs, toMs) => alertContext.link(dashboard, fromMs, toMs),
    }),
    terms,
    termsRequests: new TermsRequestService({ terms, series, timeZone: config.timezone }),
    alerts,
    alertContext,
    measures,
    detection,
    deliveries,
    rules,
    metrics,
    pingDatabase: () => database.ping(),
    async close() {
      await database.close();
      await resolved.stop();
    },
  };
}
