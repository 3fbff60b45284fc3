// Onderwerpen: one topic at a time (the topic variable), plus how the topics compare and what was most read.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  VizLegendOptionsBuilder,
  VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as BarChartPanelBuilder } from '@grafana/grafana-foundation-sdk/barchart';
import {
  alertAnnotations,
  ANOMALY_THRESHOLD,
  apiUrl,
  cellOf,
  colouredText,
  column,
  decimalsOf,
  fixedColor,
  fixedColorScheme,
  grid,
  infinityQuery,
  intervalVariable,
  INTERVAL_VAR,
  linkToSelf,
  mappingsOf,
  measureAnnotations,
  onderstroomDashboard,
  onderstroomDatasource,
  SOURCE_VAR,
  sourceVariable,
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
  seriesQuery,
} from './common.js';

export const ONDERWERPEN_UID = 'onderstroom-onderwerpen';
/** The panel the provisioned anomaly alert rule links to. */
export const ANOMALY_PANEL_TITLE = 'Afwijkingsscore';

const filters = { source: SOURCE_VAR, topic: TOPIC_VAR };
const topicsUrl = apiUrl('/grafana/topics', { source: SOURCE_VAR, ...TIME_RANGE });

const sentimentTexts = valueTexts({
  negative: { text: 'Negatief', color: 'red' },
  neutral: { text: 'Neutraal', color: 'text' },
  positive: { text: 'Positief', color: 'green' },
});

export function onderwerpenDashboard(): Dashboard {
  return onderstroomDashboard({
    uid: ONDERWERPEN_UID,
    title: 'Onderstroom – Onderwerpen',
    description:
      'Volume, sentiment en afwijkingen per onderwerp, de onderwerpen naast elkaar en de berichten met het grootste bereik.',
  })
    .withVariable(topicVariable())
    .withVariable(sourceVariable())
    .withVariable(intervalVariable())
    .annotation(measureAnnotations(TOPIC_VAR))
    .annotation(alertAnnotations())
    .withPanel(
      volumePanel({
        id: 1,
        title: 'Berichten over ${topic}',
        description: 'Aantal berichten per tijdvak over het gekozen onderwerp.',
        gridPos: grid(0, 0, 12, 9),
      }),
    )
    .withPanel(
      sentimentPanel({
        id: 2,
        title: 'Sentiment over ${topic}',
        description:
          'Aandeel negatieve en positieve berichten per tijdvak over het gekozen onderwerp. Een tijdvak zonder berichten blijft leeg.',
        gridPos: grid(12, 0, 12, 9),
      }),
    )
    .withPanel(
      timeSeriesPanel({
        id: 3,
        title: ANOMALY_PANEL_TITLE,
        description: `Afwijkingsscore van de detector (0 tot 1) voor het gekozen onderwerp en de gekozen bron. Boven de stippellijn (${ANOMALY_THRESHOLD}) wijkt het gesprek sterk af van wat verwacht werd; de Grafana-waarschuwing kijkt naar dezelfde reeks voor alle bronnen en onderwerpen samen.`,
        gridPos: grid(0, 9, 12, 9),
        targets: [
          seriesQuery({ metric: 'anomaly', of: 'volume', text: 'Afwijking aantal' }),
          seriesQuery({ refId: 'B', metric: 'anomaly', of: 'negative_share', text: 'Afwijking negatief' }),
        ],
        unit: 'none',
      })
        .min(0)
        .max(1)
        .decimals(2)
        .thresholds(thresholds('green', [ANOMALY_THRESHOLD, 'red']))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed))
        .overrideByName('Afwijking aantal', [fixedColor('purple')])
        .overrideByName('Afwijking negatief', [fixedColor('red')]),
    )
    .withPanel(
      timeSeriesPanel({
        id: 4,
        title: 'Berichten per onderwerp',
        description: 'Aantal berichten per tijdvak voor elk onderwerp, voor de gekozen bron.',
        gridPos: grid(12, 9, 12, 9),
        targets: [
          infinityQuery({
            format: 'timeseries',
            url: apiUrl('/grafana/series/breakdown', {
              by: 'topic',
              metric: 'volume',
              source: SOURCE_VAR,
              ...TIME_RANGE,
              interval: INTERVAL_VAR,
            }),
            columns: [column.time(), column.text('key', 'Onderwerp'), column.number('value', 'Berichten')],
          }),
        ],
        unit: UNIT_MENTIONS,
      })
        .min(0)
        // Long rows become one series per topic; name each after its topic instead of "Berichten".
        .displayName('${__field.labels.key}'),
    )
    .withPanel(
      new BarChartPanelBuilder()
        .id(5)
        .title('Onderwerpen naar aantal berichten')
        .description('Aantal berichten per onderwerp in de gekozen periode, voor de gekozen bron.')
        .datasource(onderstroomDatasource())
        .gridPos(grid(0, 18, 12, 10))
        .targets([
          infinityQuery({
            format: 'table',
            url: topicsUrl,
            columns: [column.text('label', 'Onderwerp'), column.number('volume', 'Berichten')],
          }),
        ])
        .xField('Onderwerp')
        .orientation(VizOrientation.Horizontal)
        .unit(UNIT_MENTIONS)
        .xTickLabelMaxLength(40)
        .colorScheme(fixedColorScheme('blue'))
        .legend(
          new VizLegendOptionsBuilder()
            .showLegend(false)
            .displayMode(LegendDisplayMode.List)
            .placement(LegendPlacement.Bottom)
            .calcs([]),
        ),
    )
    .withPanel(
      tablePanel({
        id: 6,
        title: 'Onderwerpen vergeleken',
        description:
          'Per onderwerp het aantal berichten, het aandeel negatief en positief en de gemiddelde sentimentscore (-1 tot 1). Klik op een onderwerp om dit dashboard daarop te richten.',
        gridPos: grid(12, 18, 12, 10),
        sortBy: { field: 'Berichten', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: topicsUrl,
            columns: [
              column.text('topic', 'Code'),
              column.text('label', 'Onderwerp'),
              column.number('volume', 'Berichten'),
              column.number('negative_share', 'Aandeel negatief'),
              column.number('positive_share', 'Aandeel positief'),
              column.number('mean_score', 'Gemiddelde score'),
            ],
          }),
        ],
      })
        .overrideByName('Code', [{ id: 'custom.hidden', value: true }])
        .overrideByName('Onderwerp', [
          {
            id: 'links',
            value: [
              {
                title: 'Toon dit onderwerp',
                url: `/d/${ONDERWERPEN_UID}?var-topic=\${__data.fields["Code"]}&\${source:queryparam}&\${interval:queryparam}&\${__url_time_range}`,
              },
            ],
          },
        ])
        .overrideByName('Berichten', [unitOf('short')])
        .overrideByName('Aandeel negatief', [
          unitOf(UNIT_SHARE),
          decimalsOf(1),
          cellOf(colouredText),
          { id: 'thresholds', value: thresholds('text', [0.4, 'orange'], [0.6, 'red']).build() },
        ])
        .overrideByName('Aandeel positief', [unitOf(UNIT_SHARE), decimalsOf(1)])
        .overrideByName('Gemiddelde score', [unitOf('none'), decimalsOf(2)]),
    )
    .withPanel(
      tablePanel({
        id: 7,
        title: 'Berichten met het grootste bereik',
        description:
          'De 50 berichten met het grootste bereik over het gekozen onderwerp, met tekst en link. Dit paneel leest berichttekst en vraagt daarom een sleutel met de rol analist; met de standaard kijkerssleutel van Grafana toont het een foutmelding (403). Elke keer dat het geladen wordt, legt Onderstroom die inzage vast.',
        gridPos: grid(0, 28, 24, 12),
        sortBy: { field: 'Bereik', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/mentions/top', { ...filters, ...TIME_RANGE, limit: 50, sort: 'reach' }),
            columns: [
              column.time('Geplaatst'),
              column.text('source', 'Bron'),
              column.text('platform', 'Platform'),
              column.text('author', 'Auteur'),
              column.text('text', 'Tekst'),
              column.text('sentiment', 'Sentiment'),
              column.number('score', 'Score'),
              column.number('reach', 'Bereik'),
              column.text('topics', 'Onderwerpen'),
              column.text('url', 'Link'),
            ],
          }),
        ],
      })
        .overrideByName('Tekst', [{ id: 'custom.width', value: 480 }])
        .overrideByName('Sentiment', [mappingsOf(sentimentTexts), cellOf(colouredText)])
        .overrideByName('Score', [unitOf('none'), decimalsOf(2)])
        .overrideByName('Bereik', [unitOf('short')])
        .overrideByName('Link', [linkToSelf('Open het bericht')]),
    )
    .build();
}
