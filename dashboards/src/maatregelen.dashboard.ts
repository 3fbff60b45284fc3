// Maatregelen: which government measures took effect, and what the conversation did before and after each.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  alertAnnotations,
  apiUrl,
  cellOf,
  colouredText,
  column,
  decimalsOf,
  grid,
  infinityQuery,
  intervalVariable,
  linkToSelf,
  mappingsOf,
  measureAnnotations,
  onderstroomDashboard,
  sourceVariable,
  tablePanel,
  TIME_RANGE,
  TOPIC_VAR,
  topicVariable,
  unitOf,
  valueTexts,
  volumePanel,
  sentimentPanel,
} from './common.js';

export const MAATREGELEN_UID = 'onderstroom-maatregelen';

// Levels and directions as the design names them (docs/design.md, "A measure").
const LEVEL_TEXTS = valueTexts({
  national: { text: 'Landelijk' },
  regional: { text: 'Regionaal' },
  municipal: { text: 'Gemeentelijk' },
});
const DIRECTION_TEXTS = valueTexts({
  tightening: { text: 'Aanscherping', color: 'orange' },
  relaxation: { text: 'Versoepeling', color: 'green' },
});

export function maatregelenDashboard(): Dashboard {
  return onderstroomDashboard({
    uid: MAATREGELEN_UID,
    title: 'Onderstroom – Maatregelen',
    description:
      'De maatregelen van Rijk, veiligheidsregio en gemeente in de gekozen periode, het effect van elke maatregel op volume en sentiment, en het gesprek eromheen.',
  })
    .withVariable(topicVariable())
    .withVariable(sourceVariable())
    .withVariable(intervalVariable())
    .annotation(measureAnnotations(TOPIC_VAR))
    .annotation(alertAnnotations(false))
    .withPanel(
      tablePanel({
        id: 1,
        title: 'Maatregelen in de periode',
        description:
          'Maatregelen die in de gekozen periode ingingen of golden, de nieuwste bovenaan: niveau, richting, onderwerpen en een link naar de officiële publicatie. Een lege einddatum betekent: nog van kracht.',
        gridPos: grid(0, 0, 24, 9),
        sortBy: { field: 'Ingang', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/measures', { ...TIME_RANGE }),
            columns: [
              column.time('Ingang'),
              column.time('Tot', 'timeEnd'),
              column.text('level', 'Niveau'),
              column.text('title', 'Maatregel'),
              column.text('direction', 'Richting'),
              column.text('topics', 'Onderwerpen'),
              column.text('url', 'Publicatie'),
            ],
          }),
        ],
      })
        .overrideByName('Maatregel', [{ id: 'custom.width', value: 420 }])
        .overrideByName('Niveau', [mappingsOf(LEVEL_TEXTS)])
        .overrideByName('Richting', [mappingsOf(DIRECTION_TEXTS), cellOf(colouredText)])
        .overrideByName('Publicatie', [linkToSelf('Open de publicatie')]),
    )
    .withPanel(
      tablePanel({
        id: 2,
        title: 'Effect per maatregel',
        description:
          'Per maatregel de verhouding tussen het aantal berichten na en vóór de ingangsdatum (1,0× = gelijk) en de verschuiving in sentiment, met onder- en bovengrens van het betrouwbaarheidsinterval. Ligt nul tussen die grenzen, dan is de verschuiving niet aantoonbaar. KCC-vragen na/voor is dezelfde verhouding voor de vragen aan het KCC (leeg zonder vragen vóór de maatregel).',
        gridPos: grid(0, 9, 24, 9),
        sortBy: { field: 'Ingang', desc: true },
        targets: [
          infinityQuery({
            format: 'table',
            url: apiUrl('/grafana/measures/effects', { ...TIME_RANGE, topic: TOPIC_VAR }),
            columns: [
              column.time('Ingang'),
              column.text('measure', 'Code'),
              column.text('title', 'Maatregel'),
              column.text('level', 'Niveau'),
              column.text('direction', 'Richting'),
              column.number('volume_ratio', 'Volume na/voor'),
              column.number('sentiment_shift', 'Verschuiving sentiment'),
              column.number('sentiment_shift_low', 'Ondergrens'),
              column.number('sentiment_shift_high', 'Bovengrens'),
              column.number('question_ratio', 'KCC-vragen na/voor'),
            ],
          }),
        ],
      })
        .overrideByName('Code', [{ id: 'custom.hidden', value: true }])
        .overrideByName('Maatregel', [{ id: 'custom.width', value: 420 }])
        .overrideByName('Niveau', [mappingsOf(LEVEL_TEXTS)])
        .overrideByName('Richting', [mappingsOf(DIRECTION_TEXTS), cellOf(colouredText)])
        .overrideByName('Volume na/voor', [unitOf('suffix:×'), decimalsOf(2)])
        .overrideByName('Verschuiving sentiment', [unitOf('none'), decimalsOf(3)])
        .overrideByName('Ondergrens', [unitOf('none'), decimalsOf(3)])
        .overrideByName('Bovengrens', [unitOf('none'), decimalsOf(3)])
        .overrideByName('KCC-vragen na/voor', [unitOf('suffix:×'), decimalsOf(2)]),
    )
    .withPanel(
      volumePanel({
        id: 3,
        title: 'Berichten rond maatregelen',
        description: 'Aantal berichten per tijdvak; de blauwe markeringen zijn de maatregelen.',
        gridPos: grid(0, 18, 12, 9),
      }),
    )
    .withPanel(
      sentimentPanel({
        id: 4,
        title: 'Sentiment rond maatregelen',
        description:
          'Aandeel negatieve en positieve berichten per tijdvak; de blauwe markeringen zijn de maatregelen.',
        gridPos: grid(12, 18, 12, 9),
      }),
    )
    .build();
}
