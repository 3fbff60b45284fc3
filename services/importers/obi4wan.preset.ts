// OBI4wan's mention export: ';'-separated, Dutch headers, day-first dates in Dutch time.
//
// PR-waarde is OBI4wan's estimate in euros of what the coverage would have cost as advertising. It is money, not a
// number of people, so it does not go into reach: summed with other sources' reach it would be meaningless. It is
// recognised (so the header matches) and otherwise not imported; reach comes from a "Bereik" column when the export
// has one.
import { languageCode, optionalText, parseCount, parseToolSentiment } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';
import { requiredDate, requiredText } from './preset-fields.js';

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
  createMapper(header, zone) {
    const date = header.index('date');
    const platform = header.index('platform');
    const url = header.index('url');
    const author = header.index('author');
    const text = header.index('text');
    const sentiment = header.index('sentiment');
    const reach = header.index('reach');
    const title = header.index('title');
    const language = header.index('language');
    const dateLabel = header.label('date');
    const textLabel = header.label('text');
    return (cells) => {
      const postedAt = requiredDate(cells[date], zone, dateLabel, DATE_FORMS);
      if (typeof postedAt === 'string') return postedAt;
      const body = requiredText(cells[text], textLabel);
      if (typeof body !== 'string') return body.problem;
      return {
        postedAt,
        url: optionalText(cells[url]),
        author: optionalText(cells[author]),
        platform: optionalText(cells[platform])?.toLowerCase() ?? null,
        title: optionalText(cells[title]),
        text: body,
        language: languageCode(cells[language]),
        reach: parseCount(cells[reach]),
        engagement: null,
        toolSentiment: parseToolSentiment(cells[sentiment], 1),
        country: null,
      };
    };
  },
};
