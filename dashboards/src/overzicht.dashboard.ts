// Overzicht: the first screen of the communication advisor; how much is said, how it feels, what is open.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { StackingConfigBuilder, StackingMode } from '@grafana/grafana-foundation-sdk/common';
import {
  alertAnnotations,
  apiUrl,
  cellOf,
  colouredText,
  column,
  grid,
  infinityQuery,
  intervalVariable,
  INTERVAL_VAR,
  mappingsOf,
  measureAnnotations,
  onderstroomDashboard,
  SOURCE_VAR,
  sourceVariable,
  statPanel,
  tablePanel,
  thresholds,
  TIME_RANGE,
  timeSeriesPanel,
  TOPIC_VAR,
  topicVariable,
  unitOf,
  UNIT_MENTIONS,
  UNIT_SHARE,
  valueTexts,
  volumePanel,
  sentimentPanel,
} from './common.js';

export const OVERZICHT_UID = 'onderstroom-overzicht';

// Alert kinds as the alerts table stores them (migrations: alerts.kind).
const ALERT_KIND_TEXTS = valueTexts({
  spike: { text: 'Piek', color: 'red' },
  drop: { text: 'Daling', color: 'orange' },
  measure_change: { text: 'Maatregel gewijzigd', color: 'blue' },
  source_failure: { text: 'Storing bij bron', color: 'purple' },
});

const filters = { source: SOURCE_VAR, topic: TOPIC_VAR };

function summaryQuery(selector: string, text: string) {
  return infinityQuery({
    format: 'table',
    url: apiUrl('/grafana/summary', { ...filters, ...TIME_RANGE }),
    columns: [column.number(selector, text)],
  });
}

export function overzichtDashboard(): Dashboard {
  return onderstroomDashboard({
    uid: OVERZICHT_UID,
    title: 'Onderstroom – Overzicht',
    description:
      'Hoeveel er gezegd wordt, hoe het sentiment is en welke meldingen open staan, met maatregelen en meldingen als markering in de tijd.',
  })
    .withVariable(sourceVariable())
    .withVariable(topicVariable())
    .withVariable(intervalVariable())
    .annotation(measureAnnotations(TOPIC_VAR))
    .annotation(alertAnnotations())
    .withPanel(
      statPanel({
        id: 1,
        title: 'Berichten',
        description: 'Aantal berichten in de gekozen periode, voor de gekozen bron en het gekozen onderwerp.',
        gridPos: grid(0, 0, 6, 4),
        targets: [summaryQuery('volume', 'Berichten')],
        unit: 'short',
      }).thresholds(thresholds('text')),
    )
    .withPanel(
      statPanel({
        id: 2,
        title: 'Aandeel negatief',
        description:
          'Deel van alle berichten in de periode met een negatief sentiment (samengeteld, niet gemiddeld per tijdvak). Oranje vanaf 40%, rood vanaf 60%.',
        gridPos: grid(6, 0, 6, 4),
        targets: [summaryQuery('negative_share', 'Aandeel negatief')],
        unit: UNIT_SHARE,
      })
        .decimals(1)
        .thresholds(thresholds('green', [0.4, 'orange'], [0.6, 'red'])),
    )
    .withPanel(
      statPanel({
        id: 3,
        title: 'Aandeel positief',
        description: 'Deel van alle berichten in de periode met een positief sentiment.',
        gridPos: grid(12, 0, 6, 4),
        targets: [summaryQuery('positive_share', 'Aandeel positief')],
        unit: UNIT_SHARE,
      })
        .decimals(1)
        .thresholds(thresholds('green')),
    )
    .withPanel(
      statPanel({
        id: 4,
        title: 'Open meldingen',
        description:
          'Meldingen (pieken, dalingen, gewijzigde maatregelen, storingen bij bronnen) die nog niet zijn afgesloten. Oranje vanaf 1, rood vanaf 5.',
        gridPos: grid(18, 0, 6, 4),
        targets: [summaryQuery('open_alerts', 'Open meldingen')],
        unit: 'short',
      }).thresholds(thresholds('green', [1, 'orange'], [5, 'red'])),
    )
    .withPanel(
      volumePanel({
        id: 5,
        title: 'Berichten per tijdvak',
        description:
          'Aantal berichten per tijdvak. Blauwe markeringen zijn maatregelen, rode zijn meldingen.',
        gridPos: grid(0, 4, 12, 9),
      }),
    )
    .withPanel(
      sentimentPanel({
        id: 6,
        title: 'Sentiment per tijdvak',
        description:
          'Aandeel negatieve en positieve berichten per tijdvak. Een tijdvak zonder berichten blijft leeg.',
        gridPos: grid(12, 4, 12, 9),
      }),
    )
    .withPanel(
      timeSeriesPanel({
        id: 7,
        title: 'Berichten per bron',
        description: 'Aantal berichten per tijdvak, opgestapeld per soort bron.',
        gridPos: grid(0, 13, 12, 9),
        targets: [
          infinityQuery({
            format: 'timeseries',
            url: apiUrl('/grafana/series/breakdown', {
              by: 'source',
              metric: 'volume',
              ...filters,
              ...TIME_RANGE,
              interval: INTERVAL_VAR,
            }),
            columns: [column.time(), column.text('key', 'Bron'), column.number('value', 'Berichten')],
          }),
        ],
        unit: UNIT_MENTIONS,
      })
        .min(0)
        .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
        .fillOpacity(40)
        // Long rows become one series per source; name each after its source instead of "Berichten".
        .displayName('${__field.labels.key}'),
    )
    .withPanel(
      tablePanel({
        id: 8,
        title: 'Meldingen die open staan',
        description:
          'Alle meldingen die nu open staan, ongeacht de gekozen periode; de nieuwste bovenaan. Score is de afwijkingsscore van de detector (0 tot 1).',
        gridPos: grid(12, 13, 12, 9),
        sortBy: { field: 'Geopend', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/alerts', { state: 'open' }),
            columns: [
              column.time('Geopend'),
              column.text('kind', 'Soort'),
              column.text('title', 'Melding'),
              column.text('series', 'Reeks'),
              column.number('score', 'Score'),
              column.number('observed', 'Waargenomen'),
              column.number('expected', 'Verwacht'),
              column.boolean('acknowledged', 'Bevestigd'),
            ],
          }),
        ],
      })
        .overrideByName('Soort', [mappingsOf(ALERT_KIND_TEXTS), cellOf(colouredText)])
        .overrideByName('Score', [
          unitOf('none'),
          cellOf(colouredText),
          { id: 'decimals', value: 2 },
          { id: 'thresholds', value: thresholds('green', [0.7, 'orange'], [0.9, 'red']).build() },
        ])
        .overrideByName('Bevestigd', [
          mappingsOf(valueTexts({ true: { text: 'Ja' }, false: { text: 'Nee', color: 'orange' } })),
          cellOf(colouredText),
        ]),
    )
    .build();
}
