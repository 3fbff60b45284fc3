// Vragen: what residents ask the contact centre (KCC) beside what they say online, and how the teams keep up.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  GraphDrawStyle,
  LegendDisplayMode,
  LegendPlacement,
  StackingConfigBuilder,
  StackingMode,
  VizLegendOptionsBuilder,
  VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as BarChartPanelBuilder } from '@grafana/grafana-foundation-sdk/barchart';
import { CustomVariableBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  alertAnnotations,
  apiUrl,
  cellOf,
  colouredText,
  column,
  decimalsOf,
  fixedColor,
  grid,
  infinityQuery,
  measureAnnotations,
  onderstroomDashboard,
  onderstroomDatasource,
  tablePanel,
  thresholds,
  TIME_RANGE,
  timeSeriesPanel,
  TOPIC_VAR,
  topicVariable,
  unitOf,
  UNIT_SHARE,
} from './common.js';

export const VRAGEN_UID = 'onderstroom-vragen';

/** The question channels of the register (services/questions/question.ts), with the words the KCC uses. */
export const CHANNEL_OPTIONS: ReadonlyArray<{ text: string; value: string }> = [
  { text: 'Alle kanalen', value: 'all' },
  { text: 'Telefoon', value: 'telefoon' },
  { text: 'E-mail', value: 'e-mail' },
  { text: 'Balie', value: 'balie' },
  { text: 'Webformulier', value: 'webformulier' },
  { text: 'Social media', value: 'social' },
];
const CHANNEL_VAR = '${channel}';
export const UNIT_QUESTIONS = 'suffix: vragen';

function channelVariable(): CustomVariableBuilder {
  const first = CHANNEL_OPTIONS[0] ?? { text: 'Alle kanalen', value: 'all' };
  return new CustomVariableBuilder('channel')
    .label('Kanaal')
    .description('Beperk de vragen tot één kanaal waarlangs ze binnenkwamen, of kies Alle kanalen.')
    .values(CHANNEL_OPTIONS.map((o) => `${o.text} : ${o.value}`).join(','))
    .options(CHANNEL_OPTIONS.map((o, i) => ({ text: o.text, value: o.value, selected: i === 0 })))
    .current({ text: first.text, value: first.value })
    .multi(false)
    .includeAll(false)
    .allowCustomValue(false);
}

const legend = (show: boolean) =>
  new VizLegendOptionsBuilder()
    .showLegend(show)
    .displayMode(LegendDisplayMode.List)
    .placement(LegendPlacement.Bottom)
    .calcs([]);

export function vragenDashboard(): Dashboard {
  return onderstroomDashboard({
    uid: VRAGEN_UID,
    title: 'Onderstroom – Vragen',
    description:
      'Vragen van inwoners aan het KCC per onderwerp per dag naast het sentiment online over dat onderwerp, de open en te late vragen per team en hoe snel teams antwoorden. Alleen aantallen: geen vraagteksten.',
  })
    .withVariable(topicVariable())
    .withVariable(channelVariable())
    .annotation(measureAnnotations(TOPIC_VAR))
    .annotation(alertAnnotations(false))
    .withPanel(
      timeSeriesPanel({
        id: 1,
        title: 'Vragen per dag',
        description:
          'Aantal vragen aan het KCC per dag (lokale dagen) over het gekozen onderwerp, via het gekozen kanaal. Exact geteld; de blauwe markeringen zijn de maatregelen.',
        gridPos: grid(0, 0, 12, 9),
        targets: [
          infinityQuery({
            format: 'timeseries',
            url: apiUrl('/grafana/series', {
              metric: 'questions',
              channel: CHANNEL_VAR,
              topic: TOPIC_VAR,
              ...TIME_RANGE,
              interval: '1d',
            }),
            columns: [column.time(), column.number('value', 'Vragen')],
          }),
        ],
        unit: UNIT_QUESTIONS,
      })
        .drawStyle(GraphDrawStyle.Bars)
        .fillOpacity(60)
        .min(0)
        .overrideByName('Vragen', [fixedColor('purple')]),
    )
    .withPanel(
      timeSeriesPanel({
        id: 2,
        title: 'Aandeel negatief online per dag',
        description:
          'Aandeel negatieve berichten online (alle bronnen) per dag over hetzelfde onderwerp, naast de vragen: stijgen ze samen, dan leeft het onderwerp.',
        gridPos: grid(12, 0, 12, 9),
        targets: [
          infinityQuery({
            format: 'timeseries',
            url: apiUrl('/grafana/series', {
              metric: 'negative_share',
              source: 'all',
              topic: TOPIC_VAR,
              ...TIME_RANGE,
              interval: '1d',
            }),
            columns: [column.time(), column.number('value', 'Negatief online')],
          }),
        ],
        unit: UNIT_SHARE,
      })
        .min(0)
        .max(1)
        .overrideByName('Negatief online', [fixedColor('red')]),
    )
    .withPanel(
      timeSeriesPanel({
        id: 3,
        title: 'Vragen per onderwerp per dag',
        description:
          'Aantal vragen per dag voor elk onderwerp, via het gekozen kanaal, op elkaar gestapeld. Een vraag over twee onderwerpen telt bij allebei.',
        gridPos: grid(0, 9, 24, 9),
        targets: [
          infinityQuery({
            format: 'timeseries',
            url: apiUrl('/grafana/series/breakdown', {
              by: 'topic',
              metric: 'questions',
              channel: CHANNEL_VAR,
              ...TIME_RANGE,
              interval: '1d',
            }),
            columns: [column.time(), column.text('key', 'Onderwerp'), column.number('value', 'Vragen')],
          }),
        ],
        unit: UNIT_QUESTIONS,
      })
        .drawStyle(GraphDrawStyle.Bars)
        .fillOpacity(60)
        .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
        .min(0)
        // Long rows become one series per topic; name each after its topic instead of "Vragen".
        .displayName('${__field.labels.key}'),
    )
    .withPanel(
      new BarChartPanelBuilder()
        .id(4)
        .title('Open en te laat per team')
        .description(
          'Nu: per team de vragen zonder antwoord die nog niet gesloten zijn, en hoeveel daarvan over hun termijn heen zijn. Staat los van de gekozen periode.',
        )
        .datasource(onderstroomDatasource())
        .gridPos(grid(0, 18, 12, 9))
        .targets([
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/questions/teams'),
            columns: [
              column.text('name', 'Team'),
              column.number('open', 'Open'),
              column.number('overdue', 'Te laat'),
            ],
          }),
        ])
        .xField('Team')
        .orientation(VizOrientation.Horizontal)
        .unit(UNIT_QUESTIONS)
        .xTickLabelMaxLength(40)
        .legend(legend(true))
        .overrideByName('Open', [fixedColor('blue')])
        .overrideByName('Te laat', [fixedColor('red')]),
    )
    .withPanel(
      tablePanel({
        id: 5,
        title: 'Mediane tijd tot antwoord per team',
        description:
          'Per team de vragen die in de gekozen periode zijn beantwoord en de mediane tijd van binnenkomst tot antwoord (in kalendertijd, niet in werkuren). Oranje vanaf een werkdag, rood vanaf drie dagen.',
        gridPos: grid(12, 18, 12, 9),
        sortBy: { field: 'Mediane antwoordtijd', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/questions/answer-times', { ...TIME_RANGE }),
            columns: [
              column.text('name', 'Team'),
              column.number('answered', 'Beantwoord'),
              column.number('median_seconds', 'Mediane antwoordtijd'),
            ],
          }),
        ],
      })
        .overrideByName('Beantwoord', [unitOf(UNIT_QUESTIONS), decimalsOf(0)])
        .overrideByName('Mediane antwoordtijd', [
          unitOf('s'),
          decimalsOf(1),
          { id: 'thresholds', value: thresholds('green', [8 * 3600, 'orange'], [72 * 3600, 'red']).build() },
          cellOf(colouredText),
        ]),
    )
    .build();
}
