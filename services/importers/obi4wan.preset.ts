// OBI4wan's mention export: ';'-separated, Dutch headers, day-first dates in Dutch time.
//
// PR-waarde is OBI4wan's estimate in euros of what the coverage would have cost as advertising. It is money, not a
// number of people, so it does not go into reach: summed with other sources' reach it would be meaningless. It is
// recognised (so the header matches) and otherwise not imported; reach comes from a "Bereik" column when the export
// has one.
import type { ExportPreset } from './export-preset.js';

const DATE_FORMS = 'D-M-YYYY, optionally with a time H:MM';

export const obi4wanPreset: ExportPreset = {
  name: 'obi4wan',
  label: 'OBI4wan',
  delimiters: [';'],
  columns: [
    { key: 'date', names: ['Publicatiedatum'] },
    { key: 'platform', names: ['Bron'] },
    { key: 'url', names: ['Url'] },
    { key: 'author', names: ['Geplaatst door (optioneel)', 'Geplaatst door'] },
    { key: 'text', names: ['Bericht'] },
    { key: 'sentiment', names: ['Sentiment'] },
    { key: 'prValue', names: ['PR-waarde'] },
    { key: 'reach', names: ['Bereik'] },
    { key: 'title', names: ['Titel'] },
    { key: 'language', names: ['Taal'] },
  ],
  required: [['date'], ['platform'], ['text']],
  expected:
    'OBI4wan (CSV separated by ";"): Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde',
  mapping: {
    date: { key: 'date', forms: DATE_FORMS },
    text: [['text']],
    url: ['url'],
    author: ['author'],
    platform: ['platform'],
    title: ['title'],
    language: ['language'],
    reach: ['reach'],
    engagement: [],
    sentiment: { key: 'sentiment', scale: 1 },
    country: [],
  },
};
