// Small factories shared by every dashboard: the Infinity query model, the variables, the annotation queries and
// panels with the defaults a municipality's reader needs (Dutch labels, legends on, the API as the one datasource).
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TableCellDisplayMode,
  TableSortByFieldStateBuilder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import type { DataSourceRef, TableCellOptions } from '@grafana/grafana-foundation-sdk/common';
import {
  AnnotationEventFieldMappingBuilder,
  AnnotationEventFieldSource,
  AnnotationQueryBuilder,
  CustomVariableBuilder,
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  FieldColorBuilder,
  FieldColorModeId,
  MappingType,
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  TimePickerBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import type { DynamicConfigValue, GridPos, ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeSeriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

export const INFINITY_PLUGIN_ID = 'yesoreyeram-infinity-datasource';
/** The uid of the provisioned Infinity datasource (dashboards/provisioning/datasources/onderstroom.yaml). */
export const DATASOURCE_UID = 'onderstroom';
export const DASHBOARD_TAG = 'onderstroom';
/**
 * The detector's anomaly score above which the provisioned Grafana rule fires; panels draw the same line. The
 * detector is calibrated so that 0.5 is a clear anomaly (services/detector/README.md); Onderstroom's own rules
 * default to the same threshold.
 */
export const ANOMALY_THRESHOLD = 0.5;

export function onderstroomDatasource(): DataSourceRef {
  return { type: INFINITY_PLUGIN_ID, uid: DATASOURCE_UID };
}

// ---------------------------------------------------------------------------------------------------------------
// The Infinity query model (type json, source url, backend parser: only backend queries can drive alert rules).

export type InfinityFormat = 'timeseries' | 'table';
export type InfinityColumnType = 'string' | 'number' | 'timestamp_epoch' | 'boolean';

export interface InfinityColumn {
  /** The row key in the API's JSON. */
  selector: string;
  /** The field name Grafana shows: Dutch, because it lands in legends and table headers. */
  text: string;
  type: InfinityColumnType;
}

export interface InfinityQuery {
  refId: string;
  datasource: DataSourceRef;
  type: 'json';
  source: 'url';
  parser: 'backend';
  format: InfinityFormat;
  url: string;
  url_options: { method: 'GET'; data: '' };
  root_selector: '';
  columns: InfinityColumn[];
  filters: [];
}

export const column = {
  time: (text = 'Tijd', selector = 'time'): InfinityColumn => ({ selector, text, type: 'timestamp_epoch' }),
  number: (selector: string, text: string): InfinityColumn => ({ selector, text, type: 'number' }),
  text: (selector: string, text: string): InfinityColumn => ({ selector, text, type: 'string' }),
  boolean: (selector: string, text: string): InfinityColumn => ({ selector, text, type: 'boolean' }),
};

/** Grafana's time range in epoch ms, interpolated by Grafana (dashboards) and by Infinity's backend (alerting). */
export const TIME_RANGE = { from: '${__from}', to: '${__to}' } as const;
export const SOURCE_VAR = '${source}';
export const TOPIC_VAR = '${topic}';
export const INTERVAL_VAR = '${interval}';

export type QueryParams = Record<string, string | number>;

// Values are identifiers or Grafana variables; anything else would need URL encoding, which Grafana would then
// also apply to the `${...}` markers, so refuse it here instead.
const SAFE_PARAM_VALUE = /^(?:[\w.:-]+|\$\{[\w:]+\})$/;

/** A path on the Onderstroom API plus its query string; relative, so the datasource URL decides the host. */
export function apiUrl(path: `/grafana/${string}`, params: QueryParams = {}): string {
  const pairs = Object.entries(params).map(([name, value]) => {
    const text = String(value);
    if (!SAFE_PARAM_VALUE.test(text)) throw new Error(`query parameter ${name}=${text} needs encoding`);
    return `${name}=${text}`;
  });
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

export interface InfinitySpec {
  refId?: string;
  format: InfinityFormat;
  url: string;
  columns: InfinityColumn[];
}

/** The plain query model, as stored in variables and alert rules. */
export function infinityModel(spec: InfinitySpec): InfinityQuery {
  return {
    refId: spec.refId ?? 'A',
    datasource: onderstroomDatasource(),
    type: 'json',
    source: 'url',
    parser: 'backend',
    format: spec.format,
    url: spec.url,
    url_options: { method: 'GET', data: '' },
    root_selector: '',
    columns: spec.columns.map((c) => ({ ...c })),
    filters: [],
  };
}

/** The foundation SDK has no Infinity module; this builder plugs the model into panels and annotations. */
export class InfinityQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(private readonly spec: InfinitySpec) {}

  build(): cog.Dataquery {
    // Same marker the SDK's own query types carry; JSON serialisation drops it.
    return { ...infinityModel(this.spec), _implementsDataqueryVariant: () => {} };
  }
}

export function infinityQuery(spec: InfinitySpec): InfinityQueryBuilder {
  return new InfinityQueryBuilder(spec);
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboard shell, variables and annotations.

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
}

/** Every dashboard: same tag, range, refresh, timezone and links to its siblings. */
export function onderstroomDashboard(spec: DashboardSpec): DashboardBuilder {
  return new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG])
    .timezone('browser')
    .weekStart('monday')
    .time({ from: 'now-7d', to: 'now' })
    .refresh('1m')
    .timepicker(new TimePickerBuilder().refreshIntervals(['1m', '5m', '15m', '1h']))
    .link(
      new DashboardLinkBuilder('Onderstroom')
        .type(DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .icon('external link')
        .tooltip('Andere Onderstroom-dashboards')
        .asDropdown(false)
        .targetBlank(false)
        .includeVars(true)
        .keepTime(true),
    );
}

interface VariableListSpec {
  name: string;
  label: string;
  description: string;
  path: '/grafana/variables/sources' | '/grafana/variables/topics';
  allText: string;
}

// The API lists `all` itself as the first option, so Grafana's own "All" (which would send a list) stays off.
function apiListVariable(spec: VariableListSpec): QueryVariableBuilder {
  const model = infinityModel({
    refId: 'variable',
    format: 'table',
    url: apiUrl(spec.path),
    columns: [column.text('value', 'value'), column.text('text', 'text')],
  });
  return new QueryVariableBuilder(spec.name)
    .label(spec.label)
    .description(spec.description)
    .datasource(onderstroomDatasource())
    .query({ queryType: 'infinity', query: '', refId: 'variable', infinityQuery: model })
    .definition(`Onderstroom API ${spec.path}`)
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.Disabled)
    .multi(false)
    .includeAll(false)
    .allowCustomValue(false)
    .current({ text: spec.allText, value: 'all' });
}

export function sourceVariable(): QueryVariableBuilder {
  return apiListVariable({
    name: 'source',
    label: 'Bron',
    description: 'Beperk de panelen tot één soort bron, of kies Alle bronnen.',
    path: '/grafana/variables/sources',
    allText: 'Alle bronnen',
  });
}

export function topicVariable(): QueryVariableBuilder {
  return apiListVariable({
    name: 'topic',
    label: 'Onderwerp',
    description: 'Beperk de panelen tot één onderwerp uit de taxonomie, of kies Alle onderwerpen.',
    path: '/grafana/variables/topics',
    allText: 'Alle onderwerpen',
  });
}

/** Bucket sizes the API accepts for `interval`; `auto` lets the API keep a series under ~1,500 points. */
export const INTERVAL_OPTIONS: ReadonlyArray<{ text: string; value: string }> = [
  { text: 'Automatisch', value: 'auto' },
  { text: '5 minuten', value: '5m' },
  { text: '1 uur', value: '1h' },
  { text: '1 dag', value: '1d' },
];

export function intervalVariable(): CustomVariableBuilder {
  const first = INTERVAL_OPTIONS[0] ?? { text: 'Automatisch', value: 'auto' };
  return new CustomVariableBuilder('interval')
    .label('Tijdvak')
    .description('Breedte van een tijdvak in de grafieken.')
    .values(INTERVAL_OPTIONS.map((o) => `${o.text} : ${o.value}`).join(','))
    .options(INTERVAL_OPTIONS.map((o, i) => ({ text: o.text, value: o.value, selected: i === 0 })))
    .current({ text: first.text, value: first.value })
    .multi(false)
    .includeAll(false)
    .allowCustomValue(false);
}

const ANNOTATION_FIELDS = ['time', 'timeEnd', 'title', 'text', 'tags'] as const;

interface AnnotationSpec {
  name: string;
  kind: 'measures' | 'alerts';
  iconColor: string;
  topic?: string;
  enabled?: boolean;
}

/** Measures or alerts from /grafana/annotations, drawn on every time series panel of the dashboard. */
export function apiAnnotation(spec: AnnotationSpec): AnnotationQueryBuilder {
  const params: QueryParams = { kind: spec.kind };
  if (spec.topic !== undefined) params.topic = spec.topic;
  const target = infinityQuery({
    refId: 'Anno',
    format: 'table',
    url: apiUrl('/grafana/annotations', { ...params, ...TIME_RANGE }),
    columns: [
      column.time('time'),
      column.time('timeEnd', 'timeEnd'),
      column.text('title', 'title'),
      column.text('text', 'text'),
      column.text('tags', 'tags'),
    ],
  });
  const mappings: Record<string, AnnotationEventFieldMappingBuilder> = {};
  for (const field of ANNOTATION_FIELDS) {
    mappings[field] = new AnnotationEventFieldMappingBuilder()
      .source(AnnotationEventFieldSource.Field)
      .value(field);
  }
  return new AnnotationQueryBuilder()
    .name(spec.name)
    .datasource(onderstroomDatasource())
    .enable(spec.enabled ?? true)
    .hide(false)
    .iconColor(spec.iconColor)
    .target(target)
    .mappings(mappings);
}

export function measureAnnotations(topic?: string): AnnotationQueryBuilder {
  return apiAnnotation({ name: 'Maatregelen', kind: 'measures', iconColor: 'blue', topic });
}

export function alertAnnotations(enabled = true): AnnotationQueryBuilder {
  return apiAnnotation({ name: 'Meldingen', kind: 'alerts', iconColor: 'red', enabled });
}

// ---------------------------------------------------------------------------------------------------------------
// Panels.

export function grid(x: number, y: number, w: number, h: number): GridPos {
  return { x, y, w, h };
}

/** Colour steps: the first applies from minus infinity, each next one from its value upwards. */
export function thresholds(base: string, ...steps: Array<[number, string]>): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);
}

/** Show API codes (`failing`, `tightening`) as Dutch words, optionally coloured. */
export function valueTexts(texts: Record<string, { text: string; color?: string }>): ValueMapping[] {
  const options: Record<string, { text: string; color?: string; index: number }> = {};
  Object.entries(texts).forEach(([value, result], index) => {
    options[value] = { ...result, index };
  });
  return [{ type: MappingType.ValueToText, options }];
}

export const fixedColor = (color: string): DynamicConfigValue => ({
  id: 'color',
  value: { mode: 'fixed', fixedColor: color },
});
export function fixedColorScheme(color: string): FieldColorBuilder {
  return new FieldColorBuilder().mode(FieldColorModeId.Fixed).fixedColor(color);
}
export const unitOf = (unit: string): DynamicConfigValue => ({ id: 'unit', value: unit });
export const decimalsOf = (decimals: number): DynamicConfigValue => ({ id: 'decimals', value: decimals });
export const mappingsOf = (mappings: ValueMapping[]): DynamicConfigValue => ({
  id: 'mappings',
  value: mappings,
});
export const cellOf = (cellOptions: TableCellOptions): DynamicConfigValue => ({
  id: 'custom.cellOptions',
  value: cellOptions,
});
export const linkToSelf = (title: string): DynamicConfigValue => ({
  id: 'links',
  value: [{ title, url: '${__value.raw}', targetBlank: true }],
});
export const colouredText: TableCellOptions = { type: TableCellDisplayMode.ColorText };
export const colouredBackground: TableCellOptions = { type: TableCellDisplayMode.ColorBackground };

/** Counts carry a Dutch word rather than a bare number. */
export const UNIT_MENTIONS = 'suffix: berichten';
export const UNIT_SHARE = 'percentunit';

interface PanelSpec {
  id: number;
  title: string;
  description: string;
  gridPos: GridPos;
  targets: InfinityQueryBuilder[];
}

export function statPanel(spec: PanelSpec & { unit: string }): StatPanelBuilder {
  return new StatPanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(onderstroomDatasource())
    .gridPos(spec.gridPos)
    .targets(spec.targets)
    .unit(spec.unit)
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Value)
    .textMode(BigValueTextMode.Value)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false));
}

export function timeSeriesPanel(spec: PanelSpec & { unit: string }): TimeSeriesPanelBuilder {
  return new TimeSeriesPanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(onderstroomDatasource())
    .gridPos(spec.gridPos)
    .targets(spec.targets)
    .unit(spec.unit)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom)
        .calcs([]),
    )
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
    .fillOpacity(10)
    .lineWidth(2);
}

export interface SeriesSpec {
  refId?: string;
  metric: string;
  /** With metric=anomaly: the detected series (volume or negative_share) whose score is drawn. */
  of?: 'volume' | 'negative_share';
  /** Field name in the legend. */
  text: string;
  source?: string;
  topic?: string;
}

/** One series from /grafana/series, following the dashboard's source, topic and interval unless told otherwise. */
export function seriesQuery(spec: SeriesSpec): InfinityQueryBuilder {
  return infinityQuery({
    refId: spec.refId ?? 'A',
    format: 'timeseries',
    url: apiUrl('/grafana/series', {
      metric: spec.metric,
      ...(spec.of ? { of: spec.of } : {}),
      source: spec.source ?? SOURCE_VAR,
      topic: spec.topic ?? TOPIC_VAR,
      ...TIME_RANGE,
      interval: INTERVAL_VAR,
    }),
    columns: [column.time(), column.number('value', spec.text)],
  });
}

type SeriesPanelSpec = Omit<PanelSpec, 'targets'>;

/** Mentions per bucket for the dashboard's filters. */
export function volumePanel(spec: SeriesPanelSpec): TimeSeriesPanelBuilder {
  return timeSeriesPanel({
    ...spec,
    targets: [seriesQuery({ metric: 'volume', text: 'Berichten' })],
    unit: UNIT_MENTIONS,
  })
    .min(0)
    .overrideByName('Berichten', [fixedColor('blue')]);
}

/** Negative and positive share as two queries, red and green, on a 0-100% axis. */
export function sentimentPanel(spec: SeriesPanelSpec): TimeSeriesPanelBuilder {
  return timeSeriesPanel({
    ...spec,
    targets: [
      seriesQuery({ refId: 'A', metric: 'negative_share', text: 'Negatief' }),
      seriesQuery({ refId: 'B', metric: 'positive_share', text: 'Positief' }),
    ],
    unit: UNIT_SHARE,
  })
    .min(0)
    .max(1)
    .overrideByName('Negatief', [fixedColor('red')])
    .overrideByName('Positief', [fixedColor('green')]);
}

export function tablePanel(
  spec: PanelSpec & { sortBy?: { field: string; desc: boolean } },
): TablePanelBuilder {
  const panel = new TablePanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(onderstroomDatasource())
    .gridPos(spec.gridPos)
    .targets(spec.targets)
    .filterable(true);
  if (spec.sortBy !== undefined) {
    panel.sortBy([new TableSortByFieldStateBuilder().displayName(spec.sortBy.field).desc(spec.sortBy.desc)]);
  }
  return panel;
}
