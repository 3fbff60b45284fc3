// Beheer: is Onderstroom itself healthy? For the administrator, from Prometheus (the roles' /metrics), not from the
// API: schedules, queues, jobs, sources, imports, detection, alerts and deliveries, requests and the database pool.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { GridPos } from '@grafana/grafana-foundation-sdk/dashboard';
import { grid, onderstroomDashboard, thresholds } from './common.js';
import { prometheusDatasource, promInstant, promRange, QUEUE_JOBS, STALE_SCHEDULES } from './prometheus.js';

export const BEHEER_UID = 'onderstroom-beheer';
export const STALE_PANEL_TITLE = 'Vastgelopen planningen';
export const QUEUE_PANEL_TITLE = 'Wachtrijen';
export const POLL_ERRORS_PANEL_TITLE = 'Mislukte ophaalbeurten per bron';
export const DELIVERIES_PANEL_TITLE = 'Afleveringen van meldingen per kanaal';

interface PanelSpec {
  id: number;
  title: string;
  description: string;
  gridPos: GridPos;
  targets: DataqueryBuilder[];
  unit: string;
}

function stat(spec: PanelSpec & { steps: Array<[number, string]> }): StatPanelBuilder {
  return new StatPanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(prometheusDatasource())
    .gridPos(spec.gridPos)
    .targets(spec.targets)
    .unit(spec.unit)
    .thresholds(thresholds('green', ...spec.steps))
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Value)
    .textMode(BigValueTextMode.Value)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false));
}

function series(spec: PanelSpec): TimeSeriesPanelBuilder {
  return new TimeSeriesPanelBuilder()
    .id(spec.id)
    .title(spec.title)
    .description(spec.description)
    .datasource(prometheusDatasource())
    .gridPos(spec.gridPos)
    .targets(spec.targets)
    .unit(spec.unit)
    .min(0)
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

const p95 = (metric: string, by: string) =>
  `histogram_quantile(0.95, sum by (${by}, le) (rate(${metric}_bucket[$__rate_interval])))`;
const increase = (metric: string, by: string, filter = '') =>
  `sum by (${by}) (increase(${metric}${filter}[$__rate_interval]))`;

export function beheerDashboard(): Dashboard {
  return onderstroomDashboard({
    uid: BEHEER_UID,
    title: 'Onderstroom – Beheer',
    description:
      'Of Onderstroom zelf gezond is: planningen, wachtrijen en taken, bronnen, imports, detectie, meldingen en afleveringen, de API en de database. Leest Prometheus, dat elke rol van Onderstroom uitleest.',
  })
    .time({ from: 'now-6h', to: 'now' })
    .withPanel(
      stat({
        id: 1,
        title: STALE_PANEL_TITLE,
        description:
          'Terugkerende taken (detectie, afleveren, onderhoud, ophalen per bron) die niet liepen binnen twee keer hun interval: de planner of de workers staan stil. Hoort 0 te zijn.',
        gridPos: grid(0, 0, 6, 4),
        targets: [promInstant(`sum(${STALE_SCHEDULES}) or vector(0)`, 'Vastgelopen')],
        unit: 'short',
        steps: [[1, 'red']],
      }),
    )
    .withPanel(
      stat({
        id: 2,
        title: 'Wachtende taken',
        description: 'Taken die in alle wachtrijen samen op een worker wachten.',
        gridPos: grid(6, 0, 6, 4),
        targets: [promInstant(`sum(${QUEUE_JOBS('waiting')}) or vector(0)`, 'Wachtend')],
        unit: 'short',
        steps: [
          [100, 'orange'],
          [1000, 'red'],
        ],
      }),
    )
    .withPanel(
      stat({
        id: 3,
        title: 'Mislukte taken',
        description:
          'Taken die al hun pogingen gebruikten en in de wachtrijen als mislukt bewaard worden (een week).',
        gridPos: grid(12, 0, 6, 4),
        targets: [promInstant(`sum(${QUEUE_JOBS('failed')}) or vector(0)`, 'Mislukt')],
        unit: 'short',
        steps: [
          [1, 'orange'],
          [50, 'red'],
        ],
      }),
    )
    .withPanel(
      stat({
        id: 4,
        title: 'Bereikbare processen',
        description: 'Hoeveel rollen van Onderstroom (api, worker, scheduler) Prometheus nu kan uitlezen.',
        gridPos: grid(18, 0, 6, 4),
        targets: [promInstant('sum(up{job=~"onderstroom-.*"})', 'Bereikbaar')],
        unit: 'short',
        steps: [],
      }),
    )
    .withPanel(
      series({
        id: 5,
        title: QUEUE_PANEL_TITLE,
        description: 'Taken per wachtrij: wachtend, bezig, uitgesteld (herhaling of back-off) en mislukt.',
        gridPos: grid(0, 4, 12, 8),
        targets: [promRange('max by (queue, state) (onderstroom_queue_jobs)', '{{queue}} {{state}}')],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 6,
        title: 'Duur van taken (95e percentiel)',
        description: 'Hoe lang een taak duurt, per wachtrij: 95 procent van de taken is sneller.',
        gridPos: grid(12, 4, 12, 8),
        targets: [promRange(p95('onderstroom_job_duration_seconds', 'queue'), '{{queue}}')],
        unit: 's',
      }),
    )
    .withPanel(
      series({
        id: 7,
        title: 'Opgeslagen berichten per soort bron',
        description: 'Nieuw opgeslagen berichten per tijdvak; dubbele en afgewezen tellen niet mee.',
        gridPos: grid(0, 12, 12, 8),
        targets: [promRange(increase('onderstroom_mentions_stored_total', 'source_kind'), '{{source_kind}}')],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 8,
        title: 'Importregels per uitkomst',
        description: 'Regels van geïmporteerde exports: geïmporteerd, dubbel (al opgeslagen) of afgewezen.',
        gridPos: grid(12, 12, 12, 8),
        targets: [promRange(increase('onderstroom_import_rows_total', 'outcome'), '{{outcome}}')],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 9,
        title: 'Duur van ophaalbeurten per bron (95e percentiel)',
        description: 'Hoe lang het ophalen bij een bron duurt, alle pagina’s en het opslaan samen.',
        gridPos: grid(0, 20, 12, 8),
        targets: [promRange(p95('onderstroom_poll_duration_seconds', 'source'), '{{source}}')],
        unit: 's',
      }),
    )
    .withPanel(
      series({
        id: 10,
        title: POLL_ERRORS_PANEL_TITLE,
        description:
          'Mislukte ophaalbeurten per bron en soort fout (tijdelijk, inloggen, onleesbaar, intern).',
        gridPos: grid(12, 20, 12, 8),
        targets: [
          promRange(increase('onderstroom_poll_errors_total', 'source, kind'), '{{source}} {{kind}}'),
        ],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 11,
        title: 'Afwijkingsscores (95e percentiel)',
        description:
          'De scores die de detector aan gesloten tijdvakken gaf, per gevolgde maat; boven 0,5 is een duidelijke afwijking.',
        gridPos: grid(0, 28, 8, 8),
        targets: [promRange(p95('onderstroom_anomaly_score', 'metric'), '{{metric}}')],
        unit: 'short',
      }).max(1),
    )
    .withPanel(
      series({
        id: 12,
        title: 'Detectieruns',
        description: 'Runs van de detector per uitkomst; hoort elke minuut te lopen.',
        gridPos: grid(8, 28, 8, 8),
        targets: [promRange(increase('onderstroom_detector_runs_total', 'outcome'), '{{outcome}}')],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 13,
        title: 'Geopende meldingen per soort',
        description:
          'Meldingen die Onderstroom opende: piek, daling, vragenpiek, maatregel, storing bij bron.',
        gridPos: grid(16, 28, 8, 8),
        targets: [promRange(increase('onderstroom_alerts_opened_total', 'kind'), '{{kind}}')],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 14,
        title: DELIVERIES_PANEL_TITLE,
        description:
          'Pogingen om meldingen af te leveren, per kanaal en uitkomst: afgeleverd, opnieuw proberen (kanaal tijdelijk onbereikbaar) of mislukt.',
        gridPos: grid(0, 36, 12, 8),
        targets: [
          promRange(increase('onderstroom_deliveries_total', 'channel, outcome'), '{{channel}} {{outcome}}'),
        ],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 15,
        title: 'Duur van API-verzoeken per route (95e percentiel)',
        description: 'Hoe lang de API over een antwoord doet, per route (het patroon, zonder ids).',
        gridPos: grid(12, 36, 12, 8),
        targets: [promRange(p95('onderstroom_http_request_duration_seconds', 'route'), '{{route}}')],
        unit: 's',
      }),
    )
    .withPanel(
      series({
        id: 16,
        title: 'Databaseverbindingen per proces',
        description:
          'De verbindingen van elk proces met PostgreSQL: in totaal, vrij, en verzoeken die op een verbinding wachten.',
        gridPos: grid(0, 44, 12, 8),
        targets: [promRange('max by (job, state) (onderstroom_db_pool_clients)', '{{job}} {{state}}')],
        unit: 'short',
      }),
    )
    .withPanel(
      series({
        id: 17,
        title: 'Geheugen per proces',
        description: 'Het werkgeheugen (RSS) van elk proces van Onderstroom.',
        gridPos: grid(12, 44, 12, 8),
        targets: [promRange('process_resident_memory_bytes{job=~"onderstroom-.*"}', '{{job}} {{instance}}')],
        unit: 'bytes',
      }),
    )
    .build();
}
