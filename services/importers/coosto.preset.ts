// Coosto's export: ';'-separated with Dutch headers, or the same columns with English headers; dates
// YYYY-MM-DD HH:MM or DD-MM-YYYY HH:MM in Dutch time. "volgers" (followers) and "invloed" (influence score) describe
// the author, not the post, so they are recognised but not imported as reach or engagement.
import { languageCode, optionalText, parseCount, parseToolSentiment } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';
import { requiredDate, requiredText } from './preset-fields.js';

const DATE_FORMS = 'YYYY-MM-DD HH:MM or DD-MM-YYYY HH:MM';

export const coostoPreset: ExportPreset = {
  name: 'coosto',
  label: 'Coosto',
  delimiters: [';'],
  columns: [
    { key: 'query', names: ['zoekopdracht', 'query'] },
    { key: 'platform', names: ['type bron', 'source type', 'brontype'] },
    { key: 'date', names: ['datum', 'date'] },
    { key: 'title', names: ['titel', 'title'] },
    { key: 'reach', names: ['bereik', 'reach'] },
    { key: 'text', names: ['bericht tekst', 'berichttekst', 'message text'] },
    { key: 'url', names: ['url'] },
    { key: 'author', names: ['auteur', 'author'] },
    { key: 'sentiment', names: ['sentiment'] },
    { key: 'followers', names: ['volgers', 'followers'] },
    { key: 'influence', names: ['invloed', 'influence'] },
    { key: 'engagement', names: ['engagement', 'interacties', 'interactions'] },
    { key: 'language', names: ['taal', 'language'] },
    { key: 'country', names: ['land', 'country'] },
  ],
  required: [['date'], ['platform'], ['text'], ['url']],
  expected:
    'Coosto (CSV separated by ";"): zoekopdracht;type bron;datum;titel;bereik;bericht tekst;url;auteur ' +
    '[;sentiment;volgers;invloed], or in English: query;source type;date;title;reach;message text;url;author',
  createMapper(header, zone) {
    const date = header.index('date');
    const platform = header.index('platform');
    const url = header.index('url');
    const author = header.index('author');
    const text = header.index('text');
    const title = header.index('title');
    const reach = header.index('reach');
    const engagement = header.index('engagement');
    const sentiment = header.index('sentiment');
    const language = header.index('language');
    const country = header.index('country');
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
        engagement: parseCount(cells[engagement]),
        toolSentiment: parseToolSentiment(cells[sentiment], 1),
        country: optionalText(cells[country]),
      };
    };
  },
};
