// Talkwalker's export (CSV or XLSX) with the API's flattened keys. "published" is epoch milliseconds or an ISO
// date; "sentiment" is a number from -5 to 5 (above 0 positive, below 0 negative, 0 neutral) or a word.
// "source_type" may list several types from general to specific (SOCIALMEDIA, SOCIALMEDIA_TWITTER): the most
// specific one becomes the platform.
import type { ExportCell } from './export-cell.js';
import { languageCode, optionalText, parseCount, parseToolSentiment } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';
import { requiredDate, requiredText } from './preset-fields.js';

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
  createMapper(header, zone) {
    const url = header.index('url');
    const published = header.index('published');
    const title = header.index('title');
    const content = header.index('content');
    const language = header.index('language');
    const sourceType = header.index('sourceType');
    const sentiment = header.index('sentiment');
    const engagement = header.index('engagement');
    const reach = header.index('reach');
    const author = header.index('author');
    const country = header.index('country');
    const dateLabel = header.label('published');
    const textLabel = content >= 0 ? header.label('content') : header.label('title');
    return (cells) => {
      const postedAt = requiredDate(cells[published], zone, dateLabel, DATE_FORMS);
      if (typeof postedAt === 'string') return postedAt;
      const body = requiredText(optionalText(cells[content]) ?? optionalText(cells[title]), textLabel);
      if (typeof body !== 'string') return body.problem;
      return {
        postedAt,
        url: optionalText(cells[url]),
        author: optionalText(cells[author]),
        platform: talkwalkerPlatform(cells[sourceType]),
        title: optionalText(cells[title]),
        text: body,
        language: languageCode(cells[language]),
        reach: parseCount(cells[reach]),
        engagement: parseCount(cells[engagement]),
        toolSentiment: parseToolSentiment(cells[sentiment], 5),
        country: optionalText(cells[country]),
      };
    };
  },
};
