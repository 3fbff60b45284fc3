// Bronnen: is every source still delivering? Health per configured source and what each one brought in.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { StackingConfigBuilder, StackingMode } from '@grafana/grafana-foundation-sdk/common';
import type { SourceState } from '../../services/sources/source-state.js';
import {
  alertAnnotations,
  apiUrl,
  cellOf,
  colouredBackground,
  column,
  grid,
  infinityQuery,
  intervalVariable,
  INTERVAL_VAR,
  mappingsOf,
  onderstroomDashboard,
  tablePanel,
  thresholds,
  TIME_RANGE,
  timeSeriesPanel,
  unitOf,
  UNIT_MENTIONS,
  valueTexts,
} from './common.js';

export const BRONNEN_UID = 'onderstroom-bronnen';

/** Lag of a source's newest item: orange after a quarter of an hour, red after an hour. */
export const LAG_WARNING_SECONDS = 15 * 60;
export const LAG_CRITICAL_SECONDS = 60 * 60;

// Every state the database allows (sources.state); the type makes a new state fail the build until it has a word.
const STATE_TEXTS: Record<SourceState, { text: string; color: string }> = {
  ok: { text: 'In orde', color: 'green' },
  idle: { text: 'Wacht op eerste ophaalbeurt', color: 'blue' },
  needs_attention: { text: 'Aandacht nodig', color: 'orange' },
  failing: { text: 'Storing', color: 'red' },
  disabled: { text: 'Uitgeschakeld', color: 'gray' },
};

export function bronnenDashboard(): Dashboard {
  return onderstroomDashboard({
    uid: BRONNEN_UID,
    title: 'Onderstroom – Bronnen',
    description:
      'Of elke ingestelde bron nog levert: status, laatste geslaagde en mislukte ophaalbeurt, achterstand, en het aantal berichten per bron.',
  })
    .withVariable(intervalVariable())
    .annotation(alertAnnotations())
    .withPanel(
      tablePanel({
        id: 1,
        title: 'Gezondheid van de bronnen',
        description: `Per ingestelde bron: status, wanneer het ophalen laatst lukte en mislukte (met de foutmelding), het aantal opgehaalde berichten en de achterstand van het nieuwste bericht (oranje vanaf ${LAG_WARNING_SECONDS / 60} minuten, rood vanaf ${LAG_CRITICAL_SECONDS / 60} minuten). Tijden in uren:minuten:seconden.`,
        gridPos: grid(0, 0, 24, 10),
        sortBy: { field: 'Achterstand', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/sources'),
            columns: [
              column.text('id', 'Bron'),
              column.text('kind', 'Soort'),
              column.text('state', 'Status'),
              column.time('Laatst gelukt', 'last_success'),
              column.time('Laatste fout op', 'last_error_at'),
              column.text('last_error', 'Laatste fout'),
              column.number('items', 'Berichten'),
              column.number('lag_seconds', 'Achterstand'),
              column.time('Volgende ophaalbeurt', 'next_poll'),
            ],
          }),
        ],
      })
        .overrideByName('Status', [mappingsOf(valueTexts(STATE_TEXTS)), cellOf(colouredBackground)])
        .overrideByName('Laatste fout', [{ id: 'custom.width', value: 360 }])
        .overrideByName('Berichten', [unitOf('short')])
        .overrideByName('Achterstand', [
          unitOf('dthms'),
          cellOf(colouredBackground),
          {
            id: 'thresholds',
            value: thresholds(
              'green',
              [LAG_WARNING_SECONDS, 'orange'],
              [LAG_CRITICAL_SECONDS, 'red'],
            ).build(),
          },
        ]),
    )
    .withPanel(
      timeSeriesPanel({
        id: 2,
        title: 'Berichten per bron',
        description:
          'Aantal opgeslagen berichten per tijdvak, per soort bron. Een lijn die naar nul zakt terwijl de rest doorloopt, wijst op een bron die niet meer levert.',
        gridPos: grid(0, 10, 24, 10),
        targets: [
          infinityQuery({
            format: 'timeseries',
            url: apiUrl('/grafana/series/breakdown', {
              by: 'source',
              metric: 'volume',
              ...TIME_RANGE,
              interval: INTERVAL_VAR,
            }),
            columns: [column.time(), column.text('key', 'Bron'), column.number('value', 'Berichten')],
          }),
        ],
        unit: UNIT_MENTIONS,
      })
        .min(0)
        .stacking(new StackingConfigBuilder().mode(StackingMode.None))
        // Long rows become one series per source; name each after its source instead of "Berichten".
        .displayName('${__field.labels.key}'),
    )
    .build();
}
