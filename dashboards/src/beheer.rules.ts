// Grafana alert rules on Onderstroom's own health, from Prometheus: a stalled scheduler, a failing source, a growing
// queue, failing deliveries. The same labels as the anomaly rules, so the same policy routes them (Teams, webhook,
// e-mail). Written as instant PromQL queries with a threshold; windows are fixed, since `$__rate_interval` does not
// exist in alert rules (and `$` would be expanded by Grafana's provisioning).
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  ALERT_APP_LABEL,
  ALERT_FOLDER,
  type ProvisionedRule,
  type RuleProvisioningFile,
} from './anomaly.rules.js';
import {
  BEHEER_UID,
  DELIVERIES_PANEL_TITLE,
  POLL_ERRORS_PANEL_TITLE,
  QUEUE_PANEL_TITLE,
  STALE_PANEL_TITLE,
} from './beheer.dashboard.js';
import { PROMETHEUS_PLUGIN_ID, PROMETHEUS_UID, QUEUE_JOBS, STALE_SCHEDULES } from './prometheus.js';

export const BEHEER_GROUP = 'onderstroom-beheer';
/** A queue with more waiting jobs than this, still growing over a quarter of an hour, is falling behind. */
export const GROWING_QUEUE_MIN = 100;

interface HealthRuleSpec {
  uid: string;
  title: string;
  expr: string;
  /** How long the condition must hold before the rule fires. */
  for: string;
  panelTitle: string;
  summary: string;
  description: string;
}

const stale = `(sum(${STALE_SCHEDULES}) or vector(0))`;
const schedulerDown = '(count(up{job="onderstroom-scheduler"} == 0) or vector(0))';
const bySource = (filter: string) => `sum by (source) (increase(onderstroom_poll_${filter}[30m]))`;
const byChannel = (outcome: string) =>
  `sum by (channel) (increase(onderstroom_deliveries_total{outcome=~"${outcome}"}[30m]))`;

const HEALTH_RULES: HealthRuleSpec[] = [
  {
    uid: 'onderstroom-planner-staat-stil',
    title: 'Planner staat stil',
    expr: `${stale} + ${schedulerDown}`,
    for: '5m',
    panelTitle: STALE_PANEL_TITLE,
    summary: 'Terugkerende taken van Onderstroom lopen niet meer, of de planner is onbereikbaar.',
    description:
      'Detectie, afleveren of ophalen liep niet binnen twee keer het interval. Kijk of de rollen scheduler en worker draaien, en of Redis bereikbaar is (GET /health/scheduler noemt de vastgelopen taken).',
  },
  {
    uid: 'onderstroom-bron-faalt',
    title: 'Bron faalt',
    // Failures in the last half hour and not one successful poll in it.
    expr: `${bySource('errors_total')} > 0 unless on (source) ${bySource('duration_seconds_count{result="polled"}')} > 0`,
    for: '5m',
    panelTitle: POLL_ERRORS_PANEL_TITLE,
    summary: 'Ophalen bij bron {{ index .Labels "source" }} mislukt al een half uur.',
    description:
      'Onderstroom haalt bij deze bron niets meer op. Het dashboard Bronnen toont de laatste foutmelding; vaak is het een verlopen sleutel of een bron die niet reageert.',
  },
  {
    uid: 'onderstroom-wachtrij-groeit',
    title: 'Wachtrij groeit',
    expr: `${QUEUE_JOBS('waiting')} > ${GROWING_QUEUE_MIN} and on (queue) max by (queue) (deriv(onderstroom_queue_jobs{state="waiting"}[15m])) > 0`,
    for: '15m',
    panelTitle: QUEUE_PANEL_TITLE,
    summary: `In wachtrij {{ index .Labels "queue" }} wachten meer dan ${GROWING_QUEUE_MIN} taken, en het worden er meer.`,
    description:
      'De workers houden het werk niet bij. Kijk of de workers draaien en niet vastlopen op één taak, of start er meer.',
  },
  {
    uid: 'onderstroom-aflevering-faalt',
    title: 'Afleveren van meldingen faalt',
    // A delivery given up on, or retries without a single success on that channel in the last half hour.
    expr: `(${byChannel('failed')} > 0) or (${byChannel('retried')} > 0 unless on (channel) ${byChannel('delivered')} > 0)`,
    for: '10m',
    panelTitle: DELIVERIES_PANEL_TITLE,
    summary: 'Meldingen komen niet aan op kanaal {{ index .Labels "channel" }}.',
    description:
      'Onderstroom kan meldingen niet afleveren op dit kanaal. Kijk of het adres en het geheim van het kanaal in onderstroom.yaml en .env nog kloppen.',
  },
];

function panelId(dashboard: Dashboard | undefined, title: string): number {
  const panel = dashboard?.panels?.find((p) => 'title' in p && p.title === title);
  if (panel?.id === undefined) throw new Error(`dashboard ${BEHEER_UID} has no panel "${title}" with an id`);
  return panel.id;
}

function healthRule(spec: HealthRuleSpec, dashboard: Dashboard | undefined): ProvisionedRule {
  return {
    uid: spec.uid,
    title: spec.title,
    condition: 'C',
    for: spec.for,
    // The queries return nothing while all is well.
    noDataState: 'OK',
    execErrState: 'Error',
    isPaused: false,
    labels: { ...ALERT_APP_LABEL, severity: 'warning', area: 'beheer' },
    annotations: { summary: spec.summary, description: spec.description },
    dashboardUid: BEHEER_UID,
    panelId: panelId(dashboard, spec.panelTitle),
    data: [
      {
        refId: 'A',
        datasourceUid: PROMETHEUS_UID,
        relativeTimeRange: { from: 600, to: 0 },
        model: {
          refId: 'A',
          datasource: { type: PROMETHEUS_PLUGIN_ID, uid: PROMETHEUS_UID },
          expr: spec.expr,
          instant: true,
          range: false,
        },
      },
      {
        refId: 'C',
        datasourceUid: '__expr__',
        relativeTimeRange: { from: 0, to: 0 },
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'A',
          conditions: [{ evaluator: { type: 'gt', params: [0] } }],
        },
      },
    ],
  };
}

/** The health rule group; the dashboards are passed in so each rule links to a Beheer panel that exists. */
export function beheerRuleGroup(dashboards: Dashboard[]): RuleProvisioningFile['groups'][number] {
  const beheer = dashboards.find((d) => d.uid === BEHEER_UID);
  return {
    orgId: 1,
    name: BEHEER_GROUP,
    folder: ALERT_FOLDER,
    interval: '1m',
    rules: HEALTH_RULES.map((spec) => healthRule(spec, beheer)),
  };
}
