// The alerts module's factory: alert lifecycle and reads, detection over closed buckets, and delivery of the
// messages. Rules are checked against the taxonomy before anything is built (alertRuleProblems), so a bad rule
// stops every process at start-up, not the first detection tick.
import type { Channel } from './channels/channel.js';
import type { AlertsConfig, RuleConfig } from '../config/alerts.schema.js';
import { parseDuration } from '../config/duration.js';
import type { Metrics } from '../metrics/metrics.js';
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { AlertsRepository } from '../repositories/alerts.repository.js';
import type { MentionsSampler } from '../repositories/mentions.repository.js';
import type { RollupsRepository } from '../repositories/rollups.repository.js';
import type { QuestionsRepository } from '../repositories/questions.repository.js';
import type { Transactor } from '../repositories/unit-of-work.js';
import type { TermsService } from '../terms/terms.service.js';
import { AlertContextService, type NearestMeasure } from './alert-context.service.js';
import { AlertReadsService } from './alert-reads.service.js';
import { AlertsService } from './alerts.service.js';
import { DeliveryService } from './delivery.service.js';
import { detectionSeries, ruleSeries } from './detection-series.js';
import { DetectionService } from './detection.service.js';
import { createSeriesBuckets } from './series-buckets.js';
import { createSpikeDetectorFactory } from './spike-detector.factory.js';

/** Each rule whose topic is neither all, each nor a taxonomy topic, as a line of the config error. */
export function alertRuleProblems(
  rules: readonly RuleConfig[],
  topicLabels: ReadonlyMap<string, string>,
): string[] {
  return rules.flatMap((rule, i) =>
    rule.topic === 'all' || rule.topic === 'each' || topicLabels.has(rule.topic)
      ? []
      : [
          `alerts.rules[${i}].topic: unknown topic "${rule.topic}"; use all, each or one of ${[...topicLabels.keys()].join(', ')}`,
        ],
  );
}

export interface AlertsModuleDeps {
  alerts: AlertsRepository;
  rollups: RollupsRepository;
  sampler: MentionsSampler;
  accessLog: AccessLogRepository;
  /** Questions are series too, and their texts are an alert's examples. */
  questions: QuestionsRepository;
  unitOfWork: Transactor;
  terms: TermsService;
  config: AlertsConfig;
  rules: readonly RuleConfig[];
  topicIds: readonly string[];
  topicLabel: (id: string) => string;
  channels: ReadonlyMap<string, Channel>;
  timeZone: string;
  publicUrl: string | null;
  /** Spike and drop alerts name the measure nearest to them (the measures module answers). */
  nearestMeasure: NearestMeasure;
  metrics: Metrics;
}

export interface AlertsModule {
  alerts: AlertsService;
  alertContext: AlertContextService;
  /** Alerts as the API shows them: example posts only for analysts, each read logged. */
  alertReads: AlertReadsService;
  detection: DetectionService;
  deliveries: DeliveryService;
}

export function createAlertsModule(deps: AlertsModuleDeps): AlertsModule {
  const rulesBySeries = new Map<string, RuleConfig[]>();
  for (const rule of deps.rules) {
    for (const series of ruleSeries(rule, deps.topicIds))
      rulesBySeries.set(series.key, [...(rulesBySeries.get(series.key) ?? []), rule]);
  }
  const alertContext = new AlertContextService(deps.sampler, deps.terms, deps.publicUrl, deps.questions);
  alertContext.nearestMeasure = deps.nearestMeasure;
  const alerts = new AlertsService(
    deps.alerts,
    deps.unitOfWork,
    alertContext,
    deps.config,
    deps.timeZone,
    deps.topicLabel,
    undefined,
    deps.metrics,
  );
  const detection = new DetectionService(
    deps.unitOfWork,
    createSeriesBuckets(deps.rollups, deps.questions, deps.timeZone),
    alerts,
    createSpikeDetectorFactory(deps.timeZone),
    detectionSeries(deps.rules, deps.topicIds),
    rulesBySeries,
    parseDuration(deps.config.resolve_after),
    deps.metrics,
  );
  return {
    alerts,
    alertContext,
    alertReads: new AlertReadsService(alerts, deps.accessLog),
    detection,
    deliveries: new DeliveryService(deps.alerts, deps.channels, undefined, undefined, deps.metrics),
  };
}
