// Every Infinity query Onderstroom ships (panels, annotations, variables, alert rules), as plain rows, so tests can
// hold them against the contract and an integration test can run each one against a live API.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { anomalyRuleFile } from './anomaly.rules.js';
import type { RuleProvisioningFile } from './anomaly.rules.js';
import { INFINITY_PLUGIN_ID } from './common.js';
import type { InfinityColumn, InfinityFormat, InfinityQuery } from './common.js';
import { buildDashboards } from './dashboards.js';
import { toPlainJson } from './generated.files.js';
import type { VariableValues } from './grafana.contract.js';

export type QueryOrigin = 'panel' | 'annotation' | 'variable' | 'alert-rule';

export interface CatalogueQuery {
  /** The dashboard the query lives in; for an alert rule, the dashboard its notification links to. */
  dashboardUid: string;
  origin: QueryOrigin;
  /** Panel title; for annotations the annotation name, for variables the variable name, for rules the rule title. */
  panelTitle: string;
  refId: string;
  format: InfinityFormat;
  /** Relative URL with Grafana's `${...}` markers still in it (see expandQueryUrl). */
  url: string;
  columns: InfinityColumn[];
  /** Values the dashboard's variables can take (null: the API lists them at run time). */
  variables: VariableValues;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isInfinityQuery(value: unknown): value is InfinityQuery {
  return (
    isObject(value) &&
    typeof value.url === 'string' &&
    Array.isArray(value.columns) &&
    isObject(value.datasource) &&
    value.datasource.type === INFINITY_PLUGIN_ID
  );
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function variableValues(dashboard: Json): VariableValues {
  const values: VariableValues = {};
  const templating = isObject(dashboard.templating) ? dashboard.templating : {};
  for (const variable of list(templating.list)) {
    if (!isObject(variable) || typeof variable.name !== 'string') continue;
    values[variable.name] =
      variable.type === 'custom'
        ? list(variable.options).flatMap((o) => (isObject(o) && typeof o.value === 'string' ? [o.value] : []))
        : null;
  }
  return values;
}

function entry(
  query: InfinityQuery,
  where: Pick<CatalogueQuery, 'dashboardUid' | 'origin' | 'panelTitle' | 'variables'>,
): CatalogueQuery {
  return {
    ...where,
    refId: query.refId,
    format: query.format,
    url: query.url,
    columns: query.columns.map((c) => ({ ...c })),
  };
}

/** The queries of dashboards (as built, or as parsed from JSON) in panel, annotation, variable order. */
export function dashboardQueries(dashboards: ReadonlyArray<Dashboard | Json>): CatalogueQuery[] {
  const found: CatalogueQuery[] = [];
  for (const built of dashboards) {
    const dashboard = toPlainJson(built) as Json;
    const dashboardUid = String(dashboard.uid);
    const variables = variableValues(dashboard);
    for (const panel of list(dashboard.panels)) {
      if (!isObject(panel)) continue;
      for (const target of list(panel.targets)) {
        if (!isInfinityQuery(target)) continue;
        found.push(
          entry(target, { dashboardUid, origin: 'panel', panelTitle: String(panel.title), variables }),
        );
      }
    }
    const annotations = isObject(dashboard.annotations) ? dashboard.annotations : {};
    for (const annotation of list(annotations.list)) {
      if (!isObject(annotation) || !isInfinityQuery(annotation.target)) continue;
      const panelTitle = String(annotation.name);
      found.push(entry(annotation.target, { dashboardUid, origin: 'annotation', panelTitle, variables }));
    }
    const templating = isObject(dashboard.templating) ? dashboard.templating : {};
    for (const variable of list(templating.list)) {
      if (
        !isObject(variable) ||
        !isObject(variable.query) ||
        !isInfinityQuery(variable.query.infinityQuery)
      ) {
        continue;
      }
      const panelTitle = String(variable.name);
      found.push(
        entry(variable.query.infinityQuery, { dashboardUid, origin: 'variable', panelTitle, variables }),
      );
    }
  }
  return found;
}

/** The Infinity queries of a rule file (the in-memory form, before `$` is escaped for provisioning). */
export function ruleQueries(file: RuleProvisioningFile): CatalogueQuery[] {
  return file.groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      rule.data.flatMap(({ model }) =>
        isInfinityQuery(model)
          ? [
              entry(model, {
                dashboardUid: rule.dashboardUid,
                origin: 'alert-rule',
                panelTitle: rule.title,
                variables: {},
              }),
            ]
          : [],
      ),
    ),
  );
}

/** Every query Onderstroom ships: the dashboards' and the alert rules'. */
export function listQueries(): CatalogueQuery[] {
  const dashboards = buildDashboards();
  return [...dashboardQueries(dashboards), ...ruleQueries(anomalyRuleFile(dashboards))];
}

/**
 * Fills Grafana's `${name}` markers (`${__from}`, `${source}`, ...) the way Grafana would, so a test can call the
 * API with the same URL. Every marker must have a value: a missing one throws rather than sending `${...}`.
 */
export function expandQueryUrl(url: string, values: Record<string, string | number>): string {
  return url.replace(/\$\{(\w+)(?::\w+)?\}/g, (marker, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for ${marker} in ${url}`);
    return encodeURIComponent(String(value));
  });
}
