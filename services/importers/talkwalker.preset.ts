// Talkwalker's export (CSV or XLSX) with the API's flattened keys. "published" is epoch milliseconds or an ISO
// date; "sentiment" is a number from -5 to 5 (above 0 positive, below 0 negative, 0 neutral) or a word.
// "source_type" may list several types from general to specific (SOCIALMEDIA, SOCIALMEDIA_TWITTER): the most
// specific one becomes the platform.
import type { ExportCell } from './export-cell.js';
import { optionalText } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';

const DATE_FORMS = 'epoch milliseconds or an ISO 8601 date';

/** The most specific of the listed source types, lower case. */
export function talkwalkerPlatform(cell: ExportCell | undefined): string | null {
  const text = optionalText(cell);
  if (text === null) return null;
  const types = text
    .replace(/[[\]"']/g, '')
    .split(/[,;|\s]+/)
    .filter((type) => type.length > 0);
  let best: string | null = null;
  for (const type of types) if (best === null || type.length > best.length) best = type;
  return best?.toLowerCase() ?? null;
}

export const talkwalkerPreset: ExportPreset = {
  name: 'talkwalker',
  label: 'Talkwalker',
  delimiters: [',', ';', '\t'],
  columns: [
    { key: 'url', names: ['url'] },
    { key: 'published', names: ['published'] },
    { key: 'title', names: ['title'] },
    { key: 'content', names: ['content'] },
    { key: 'language', names: ['lang'] },
    { key: 'sourceType', names: ['source_type'] },
    { key: 'postType', names: ['post_type'] },
    { key: 'sentiment', names: ['sentiment'] },
    { key: 'engagement', names: ['engagement'] },
    { key: 'reach', names: ['reach'] },
    { key: 'author', names: ['extra_author_attributes.name', 'extra_author_attributes.short_name'] },
    {
      key: 'country',
      names: [
        'extra_source_attributes.world_data.country',
        'extra_author_attributes.world_data.country',
        'extra_article_attributes.world_data.country',
      ],
    },
  ],
  required: [['url'], ['published'], ['content', 'title']],
  expected:
    'Talkwalker (CSV or XLSX): url, published, title, content, lang, source_type, post_type, sentiment, ' +
    'engagement, reach, extra_author_attributes.name, ...',
  mapping: {
    date: { key: 'published', forms: DATE_FORMS },
    text: [['content'], ['title']],
    url: ['url'],
    author: ['author'],
    platform: ['sourceType'],
    platformOf: talkwalkerPlatform,
    title: ['title'],
    language: ['language'],
    reach: ['reach'],
    engagement: ['engagement'],
    sentiment: { key: 'sentiment', scale: 5 },
    country: ['country'],
  },
};
