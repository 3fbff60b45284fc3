// Coosto's export: ';'-separated with Dutch headers, or the same columns with English headers; dates
// YYYY-MM-DD HH:MM or DD-MM-YYYY HH:MM in Dutch time. "volgers" (followers) and "invloed" (influence score) describe
// the author, not the post, so they are recognised but not imported as reach or engagement.
import type { ExportPreset } from './export-preset.js';

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
  mapping: {
    date: { key: 'date', forms: DATE_FORMS },
    text: [['text']],
    url: ['url'],
    author: ['author'],
    platform: ['platform'],
    title: ['title'],
    language: ['language'],
    reach: ['reach'],
    engagement: ['engagement'],
    sentiment: { key: 'sentiment', scale: 1 },
    country: ['country'],
  },
};
