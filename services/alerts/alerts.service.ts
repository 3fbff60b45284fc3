// The life of an alert: opened, updated, resolved, acknowledged. Each state change is an event with its Dutch
// message and one delivery per channel, written in the caller's transaction (the outbox).
import type { AlertsConfig, RuleConfig } from '../config/alerts.schema.js';
import { parseDuration } from '../config/duration.js';
import type { AlertsRepository } from '../repositories/alerts.repository.js';
import type { Transactor, TxRepositories } from '../repositories/unit-of-work.js';

export interface AlertWithHistory extends AlertRecord {
  events: EventRecord[];
  deliveries: DeliveryRecord[];
}
import type { AlertContext, AlertContextService } from './alert-context.service.js';
import { dutchDateTime, type AlertMessage, type MeasureChange } from './alert-message.js';
import { LATE_PREFIX, alertTitle, headline, scopeText, sourceFailureTitle } from './alert-text.js';
import type { DetectionSeries } from './detection-series.js';
import { quietUntil, type Decision, type WindowOutcome } from './rule.evaluator.js';
import type { Metrics } from '../metrics/metrics.js';
import type { AlertFilter, AlertRecord, DeliveryRecord, EventRecord } from './alert-record.js';

export interface SeriesDecision {
  rule: RuleConfig;
  series: DetectionSeries;
  decision: Decision;
  outcome: WindowOutcome;
  open: AlertRecord | null;
  /** How the expected value was formed, in Dutch. */
  baseline: string | null;
  /** End of the bucket that was scored (or, judged before it closed, the time it was judged). */
  at: Date;
  /** Opened by posts that arrived after their bucket had been judged: the message says "Laat gemeld". */
  late?: boolean;
}

export interface ChannelRef {
  id: string;
  kind: string;
}

/** The kind an opened series alert gets: the same detector judges question counts, as alerts of their own. */
export function openedKind(series: DetectionSeries, kind: 'spike' | 'drop'): AlertRecord['kind'] {
  return series.metric === 'questions' ? 'question_spike' : kind;
}

/** What the service reads and writes of the alerts repository outside a transaction (a fake implements the same). */
export type AlertHistoryStore = Pick<
  AlertsRepository,
  'acknowledge' | 'list' | 'get' | 'countOpen' | 'events' | 'deliveries'
>;

export const SOURCE_FAILURE_RULE = 'source-failures';
export const MEASURE_CHANGE_RULE = 'measure-changes';

export class AlertsService {
  private readonly channelKinds: Map<string, string>;

  constructor(
    private readonly repository: AlertHistoryStore,
    private readonly unitOfWork: Transactor,
    private readonly context: Pick<AlertContextService, 'forSeries' | 'link'>,
    private readonly config: AlertsConfig,
    private readonly timezone: string,
    private readonly topicLabel: (id: string) => string,
    private readonly now: () => Date = () => new Date(),
    private readonly metrics?: Pick<Metrics, 'alertOpened'>,
  ) {
    this.channelKinds = new Map(config.channels.map((channel) => [channel.id, channel.kind]));
  }

  private deliveries(channels: readonly string[], quietHours?: string) {
    const now = this.now();
    const notBefore = quietUntil(quietHours, now, this.timezone) ?? now;
    return channels.map((id) => ({
      channelId: id,
      channelKind: this.channelKinds.get(id) ?? 'unknown',
      notBefore,
    }));
  }

  private message(
    alert: AlertRecord,
    event: AlertMessage['event'],
    text: { headline: string; baseline: string | null },
    facts: { label: string; value: string }[],
    context: AlertContext | null,
  ): AlertMessage {
    return {
      version: 1,
      alertId: alert.id,
      event,
      kind: alert.kind,
      title: alert.title,
      headline: text.headline,
      baseline: text.baseline,
      facts,
      terms: context?.terms ?? [],
      examples: context?.examples ?? [],
      measure: context?.measure ?? null,
      link: context?.link ?? null,
      at: this.now().toISOString(),
    };
  }

  /** Applies one rule's decision for one series inside the detection transaction; returns the event, if any. */
  async applySeriesDecision(tx: TxRepositories, input: SeriesDecision): Promise<EventRecord | null> {
    const { rule, series, decision, outcome, at } = input;
    const windowMs = parseDuration(rule.window);
    const windowStart = at.getTime() - windowMs;
    const facts = (alert: AlertRecord) => [
      {
        label: series.metric === 'questions' ? 'Onderwerp' : 'Onderwerp en bron',
        value: scopeText(series, this.topicLabel),
      },
      { label: 'Afwijkingsscore', value: outcome.score.toFixed(3).replace('.', ',') },
      { label: 'Sinds', value: dutchDateTime(alert.openedAt, this.timezone) },
      { label: 'Regel', value: rule.id },
    ];
    const numbers = {
      observed: outcome.observed,
      expected: outcome.expected,
      volume: outcome.volume,
      windowMs,
    };
    // Every state change of a series alert becomes one event with its message and a delivery per channel.
    const announce = async (alert: AlertRecord, event: AlertMessage['event'], context: AlertContext) => {
      const said = headline(series, numbers, event === 'resolved');
      const late = event === 'opened' && input.late === true;
      const text = { headline: late ? `${LATE_PREFIX}${said}` : said, baseline: input.baseline };
      const message = this.message(alert, event, text, facts(alert), context);
      return tx.alerts.addEvent(
        { alertId: alert.id, type: event, at, message },
        this.deliveries(rule.channels, rule.quiet_hours),
      );
    };
    switch (decision.type) {
      case 'none':
        return null;
      case 'touch':
        if (input.open) await tx.alerts.touch(input.open.id, at);
        return null;
      case 'open': {
        const alert = await tx.alerts.insert({
          // The same detector and rules judge question counts; their alerts are a kind of their own.
          kind: openedKind(series, decision.kind),
          ruleId: rule.id,
          seriesKey: series.key,
          title: alertTitle(series, decision.kind, this.topicLabel),
          at,
          score: outcome.score,
          observed: outcome.observed,
          expected: outcome.expected,
          details: {
            metric: series.metric,
            source: series.source,
            topic: series.topic,
            window: rule.window,
            baseline: input.baseline,
            ...(input.late === true ? { late: true } : {}),
          },
          late: input.late === true,
        });
        return announce(alert, 'opened', await this.context.forSeries(series, windowStart, at.getTime()));
      }
      case 'update': {
        if (!input.open) return null;
        const alert = await tx.alerts.update(input.open.id, {
          at,
          triggered: true,
          score: Math.max(outcome.score, input.open.score ?? 0),
          observed: outcome.observed,
          expected: outcome.expected,
        });
        return announce(alert, 'updated', await this.context.forSeries(series, windowStart, at.getTime()));
      }
      case 'resolve': {
        if (!input.open) return null;
        const alert = await tx.alerts.resolve(input.open.id, at);
        const from = alert.openedAt.getTime() - 3_600_000;
        const link = this.context.link('onderstroom-overzicht', from, at.getTime() + 3_600_000);
        return announce(alert, 'resolved', { terms: [], examples: [], measure: null, link });
      }
    }
  }

  /** A source failed `failures` times in a row: an alert once the configured number is reached. */
  async sourceFailing(
    source: { id: string; kind: string },
    failures: number,
    problem: string,
  ): Promise<EventRecord | null> {
    if (failures < this.config.source_failures.after) return null;
    const opened = await this.unitOfWork.transaction(async (tx) => {
      const key = `source:${source.id}`;
      if (await tx.alerts.findOpen(SOURCE_FAILURE_RULE, key)) return null;
      const at = this.now();
      const alert = await tx.alerts.insert({
        kind: 'source_failure',
        ruleId: SOURCE_FAILURE_RULE,
        seriesKey: key,
        title: sourceFailureTitle(source.id),
        at,
        score: null,
        observed: failures,
        expected: null,
        details: { source: source.id, kind: source.kind, problem },
      });
      const message = this.message(
        alert,
        'opened',
        { headline: `${failures} keer achter elkaar mislukt: ${problem}`, baseline: null },
        [
          { label: 'Bron', value: `${source.id} (${source.kind})` },
          { label: 'Sinds', value: dutchDateTime(at, this.timezone) },
        ],
        {
          terms: [],
          examples: [],
          measure: null,
          link: this.context.link('onderstroom-bronnen', at.getTime() - 86_400_000, at.getTime()),
        },
      );
      return tx.alerts.addEvent(
        { alertId: alert.id, type: 'opened', at, message },
        this.deliveries(this.config.source_failures.channels),
      );
    });
    if (opened !== null) this.metrics?.alertOpened('source_failure');
    return opened;
  }

  async sourceRecovered(sourceId: string): Promise<EventRecord | null> {
    return this.unitOfWork.transaction(async (tx) => {
      const open = await tx.alerts.findOpen(SOURCE_FAILURE_RULE, `source:${sourceId}`);
      if (!open) return null;
      const at = this.now();
      const alert = await tx.alerts.resolve(open.id, at);
      const message = this.message(
        alert,
        'resolved',
        { headline: `De bron ${sourceId} werkt weer.`, baseline: null },
        [],
        null,
      );
      return tx.alerts.addEvent(
        { alertId: alert.id, type: 'resolved', at, message },
        this.deliveries(this.config.source_failures.channels),
      );
    });
  }

  /** A new or changed measure: one alert per measure version, resolved when a newer version arrives. */
  async measureChanged(
    input: MeasureChange,
    /** The caller's transaction (the measures module stores the measure version in it); else one of its own. */
    transaction?: TxRepositories,
  ): Promise<EventRecord | null> {
    const run = async (tx: TxRepositories) => {
      const key = `measure:${input.measureId}:v${input.version}`;
      if (await tx.alerts.findOpen(MEASURE_CHANGE_RULE, key)) return null;
      const alert = await tx.alerts.insert({
        kind: 'measure_change',
        ruleId: MEASURE_CHANGE_RULE,
        seriesKey: key,
        title: input.title,
        at: input.at,
        score: null,
        observed: null,
        expected: null,
        details: { measure: input.measureId, version: input.version },
      });
      const message = this.message(
        alert,
        'opened',
        { headline: input.headline, baseline: null },
        input.facts,
        {
          terms: [],
          examples: [],
          measure: input.measure,
          link: input.link,
        },
      );
      return tx.alerts.addEvent(
        { alertId: alert.id, type: 'opened', at: input.at, message },
        this.deliveries(this.config.measure_changes.channels),
      );
    };
    const opened = await (transaction ? run(transaction) : this.unitOfWork.transaction(run));
    // In a caller's transaction this counts when the event is written, before that transaction commits.
    if (opened !== null) this.metrics?.alertOpened('measure_change');
    return opened;
  }

  acknowledge(id: string, by: string): Promise<AlertRecord | null> {
    return this.repository.acknowledge(id, by, this.now());
  }

  /** Alerts with their events and the delivery state of each event per channel. */
  async list(filter: AlertFilter): Promise<AlertWithHistory[]> {
    const alerts = await this.repository.list(filter);
    return this.withHistory(alerts);
  }

  async get(id: string): Promise<AlertWithHistory | null> {
    const alert = await this.repository.get(id);
    return alert ? ((await this.withHistory([alert]))[0] ?? null) : null;
  }

  countOpen(): Promise<number> {
    return this.repository.countOpen();
  }

  private async withHistory(alerts: AlertRecord[]): Promise<AlertWithHistory[]> {
    const events = await this.repository.events(alerts.map((alert) => alert.id));
    const deliveries = await this.repository.deliveries(events.map((event) => event.id));
    return alerts.map((alert) => {
      const own = events.filter((event) => event.alertId === alert.id);
      const ids = new Set(own.map((event) => event.id));
      return {
        ...alert,
        events: own,
        deliveries: deliveries.filter((delivery) => ids.has(delivery.eventId)),
      };
    });
  }
}
