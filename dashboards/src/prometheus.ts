// The Prometheus side of the dashboards: the provisioned datasource (dashboards/provisioning/datasources/
// prometheus.yaml) and query factories for the Beheer dashboard and the operations alert rules. The metric names are
// those of services/metrics/metrics.ts; every role is a scrape job of dashboards/prometheus/prometheus.yml.
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';

export const PROMETHEUS_PLUGIN_ID = 'prometheus';
export const PROMETHEUS_UID = 'onderstroom-prometheus';

export function prometheusDatasource(): DataSourceRef {
  return { type: PROMETHEUS_PLUGIN_ID, uid: PROMETHEUS_UID };
}

/** A range query for a time series panel; `legend` uses Prometheus labels, as `{{queue}}`. */
export function promRange(expr: string, legend: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder()
    .datasource(prometheusDatasource())
    .refId(refId)
    .expr(expr)
    .legendFormat(legend)
    .range();
}

/** An instant query for a stat panel: the value now. */
export function promInstant(expr: string, legend: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder()
    .datasource(prometheusDatasource())
    .refId(refId)
    .expr(expr)
    .legendFormat(legend)
    .instant();
}

/**
 * Queue depth and the schedules' staleness are reported by every process that is scraped (they read Redis and
 * PostgreSQL, shared by all), so the same value comes once per process: take the maximum, never the sum.
 */
export const QUEUE_JOBS = (state: string) => `max by (queue) (onderstroom_queue_jobs{state="${state}"})`;
export const STALE_SCHEDULES = 'max by (schedule) (onderstroom_schedule_stale)';
