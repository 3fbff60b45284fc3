// Grafana alert rules on the detector's anomaly-score series: a second route for teams that prefer Grafana's own
// notification routing (the service alerts by itself as well). Emitted in Grafana's file-provisioning format.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { ANOMALY_THRESHOLD, apiUrl, column, DATASOURCE_UID, infinityModel, TIME_RANGE } from './common.js';
import type { InfinityQuery } from './common.js';
import { ANOMALY_PANEL_TITLE, ONDERWERPEN_UID } from './onderwerpen.dashboard.js';

export const ALERT_FOLDER = 'Onderstroom';
export const ALERT_GROUP = 'onderstroom-afwijkingen';
/** Rules carry this label; the notification policy routes on it (provisioning/alerting/policies.yaml). */
export const ALERT_APP_LABEL = { app: 'onderstroom' } as const;

interface RelativeTimeRange {
  from: number;
  to: number;
}

interface ReduceModel {
  refId: string;
  type: 'reduce';
  expression: string;
  reducer: 'last';
  settings: { mode: 'dropNN' };
}

interface ThresholdModel {
  refId: string;
  type: 'threshold';
  expression: string;
  conditions: Array<{ evaluator: { type: 'gt'; params: number[] } }>;
}

/** An instant PromQL query of the Prometheus datasource (the Beheer rules, beheer.rules.ts). */
export interface PrometheusModel {
  refId: string;
  datasource: { type: string; uid: string };
  expr: string;
  instant: true;
  range: false;
}

export interface RuleQuery {
  refId: string;
  datasourceUid: string;
  relativeTimeRange: RelativeTimeRange;
  model: InfinityQuery | ReduceModel | ThresholdModel | PrometheusModel;
}

export interface ProvisionedRule {
  uid: string;
  title: string;
  condition: string;
  for: string;
  noDataState: 'OK' | 'NoData' | 'Alerting' | 'KeepLast';
  execErrState: 'Error' | 'Alerting' | 'OK' | 'KeepLast';
  isPaused: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  dashboardUid: string;
  panelId: number;
  data: RuleQuery[];
}

export interface RuleProvisioningFile {
  apiVersion: 1;
  groups: Array<{ orgId: number; name: string; folder: string; interval: string; rules: ProvisionedRule[] }>;
}

function panelId(dashboard: Dashboard | undefined, title: string): number {
  const panel = dashboard?.panels?.find((p) => 'title' in p && p.title === title);
  if (panel === undefined || panel.id === undefined) {
    throw new Error(`dashboard ${dashboard?.uid ?? '?'} has no panel "${title}" with an id`);
  }
  return panel.id;
}

interface AnomalyRuleSpec {
  uid: string;
  title: string;
  /** Dutch noun phrase for the series, used in the notification text. */
  scope: string;
  /** The detected series: mention volume or negative share. */
  of: 'volume' | 'negative_share';
  source: string;
  topic: string;
}

// One rule per detected series the detector always follows overall: volume and negative share.
const ANOMALY_RULES: AnomalyRuleSpec[] = [
  {
    uid: 'onderstroom-afwijking-totaal',
    title: 'Afwijkend aantal berichten: alle bronnen en onderwerpen',
    scope: 'het aantal berichten (alle bronnen, alle onderwerpen)',
    of: 'volume',
    source: 'all',
    topic: 'all',
  },
  {
    uid: 'onderstroom-afwijking-negatief',
    title: 'Afwijkend aandeel negatief: alle bronnen en onderwerpen',
    scope: 'het aandeel negatieve berichten (alle bronnen, alle onderwerpen)',
    of: 'negative_share',
    source: 'all',
    topic: 'all',
  },
];

function anomalyRule(spec: AnomalyRuleSpec, dashboard: Dashboard | undefined): ProvisionedRule {
  const query = infinityModel({
    refId: 'A',
    format: 'timeseries',
    url: apiUrl('/grafana/series', {
      metric: 'anomaly',
      of: spec.of,
      source: spec.source,
      topic: spec.topic,
      ...TIME_RANGE,
      interval: '5m',
    }),
    columns: [column.time(), column.number('value', 'Afwijkingsscore')],
  });
  return {
    uid: spec.uid,
    title: spec.title,
    condition: 'C',
    for: '10m',
    // No rows means no data yet, not an anomaly; an unreachable API is an error Grafana reports on its own.
    noDataState: 'OK',
    execErrState: 'Error',
    isPaused: false,
    labels: {
      ...ALERT_APP_LABEL,
      severity: 'warning',
      series: `anomaly/${spec.of}/${spec.source}/${spec.topic}`,
    },
    // Templates use .Values rather than $values: provisioning files expand $NAME from the environment.
    annotations: {
      summary: `Afwijkingsscore {{ printf "%.2f" .Values.B.Value }} voor ${spec.scope}, boven de drempel van ${ANOMALY_THRESHOLD}, al 10 minuten.`,
      description:
        'De detector van Onderstroom ziet dat het gesprek sterk afwijkt van wat verwacht werd (meer of minder berichten, of een ander sentiment). Open het dashboard Onderwerpen om te zien welk onderwerp en welke bron het verschil maken.',
    },
    dashboardUid: ONDERWERPEN_UID,
    panelId: panelId(dashboard, ANOMALY_PANEL_TITLE),
    data: [
      { refId: 'A', datasourceUid: DATASOURCE_UID, relativeTimeRange: { from: 3600, to: 0 }, model: query },
      {
        refId: 'B',
        datasourceUid: '__expr__',
        relativeTimeRange: { from: 0, to: 0 },
        // The newest bucket can be empty (null); take the last real score.
        model: { refId: 'B', type: 'reduce', expression: 'A', reducer: 'last', settings: { mode: 'dropNN' } },
      },
      {
        refId: 'C',
        datasourceUid: '__expr__',
        relativeTimeRange: { from: 0, to: 0 },
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'B',
          conditions: [{ evaluator: { type: 'gt', params: [ANOMALY_THRESHOLD] } }],
        },
      },
    ],
  };
}

/** The rule file; the dashboards are passed in so each rule's panel link points at a panel that exists. */
export function anomalyRuleFile(dashboards: Dashboard[]): RuleProvisioningFile {
  const onderwerpen = dashboards.find((d) => d.uid === ONDERWERPEN_UID);
  return {
    apiVersion: 1,
    groups: [
      {
        orgId: 1,
        name: ALERT_GROUP,
        folder: ALERT_FOLDER,
        interval: '1m',
        rules: ANOMALY_RULES.map((spec) => anomalyRule(spec, onderwerpen)),
      },
    ],
  };
}
