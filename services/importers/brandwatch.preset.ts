// Brandwatch's Mentions export (CSV or XLSX): a few rows of report metadata, then a header row that starts with
// "Query Id". Dates are written without an offset, in the time zone the export was made in.
//
// Reach: "Reach (new)", else "Reach", else "Impressions" (the nearest thing some exports have). Engagement: a total
// column when there is one, else the sum of the per-platform likes, comments, shares, reposts and replies columns.
import type { ExportCell } from './export-cell.js';
import { languageCode, optionalText, parseCount, parseToolSentiment } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';
import { requiredDate, requiredText } from './preset-fields.js';

const DATE_FORMS = 'YYYY-MM-DD HH:MM:SS';
const ENGAGEMENT_PART = /(?:^| )(?:likes|comments|shares|reposts|retweets|replies|quotes|reactions)$/;

export const brandwatchPreset: ExportPreset = {
  name: 'brandwatch',
  label: 'Brandwatch',
  delimiters: [',', ';', '\t'],
  columns: [
    { key: 'queryId', names: ['Query Id'] },
    { key: 'queryName', names: ['Query Name'] },
    { key: 'date', names: ['Date'] },
    { key: 'title', names: ['Title'] },
    { key: 'url', names: ['Url'] },
    { key: 'text', names: ['Full Text'] },
    { key: 'snippet', names: ['Snippet'] },
    { key: 'author', names: ['Author'] },
    { key: 'fullName', names: ['Full Name'] },
    { key: 'platform', names: ['Page Type', 'Content Source'] },
    { key: 'sentiment', names: ['Sentiment'] },
    { key: 'language', names: ['Language'] },
    { key: 'country', names: ['Country'] },
    { key: 'reachNew', names: ['Reach (new)'] },
    { key: 'reach', names: ['Reach'] },
    { key: 'impressions', names: ['Impressions'] },
    { key: 'engagement', names: ['Engagement', 'Total Engagement', 'Engagement Score'] },
  ],
  required: [['queryId'], ['date'], ['url'], ['text', 'snippet']],
  expected:
    'Brandwatch Mentions (CSV or XLSX; the header row starts with "Query Id"): Query Id, Query Name, Date, Title, ' +
    'Url, Domain, Sentiment, Page Type, Language, Country, Full Text, Author, ...',
  createMapper(header, zone) {
    const date = header.index('date');
    const url = header.index('url');
    const text = header.index('text');
    const snippet = header.index('snippet');
    const title = header.index('title');
    const author = header.index('author');
    const fullName = header.index('fullName');
    const platform = header.index('platform');
    const sentiment = header.index('sentiment');
    const language = header.index('language');
    const country = header.index('country');
    const reachColumns = [
      header.index('reachNew'),
      header.index('reach'),
      header.index('impressions'),
    ].filter((position) => position >= 0);
    const engagement = header.index('engagement');
    const engagementParts = header.normalised.flatMap((name, position) =>
      ENGAGEMENT_PART.test(name) ? [position] : [],
    );
    const dateLabel = header.label('date');
    const textLabel = text >= 0 ? header.label('text') : header.label('snippet');

    const reachOf = (cells: readonly ExportCell[]): number | null => {
      for (const position of reachColumns) {
        const value = parseCount(cells[position]);
        if (value !== null) return value;
      }
      return null;
    };
    const engagementOf = (cells: readonly ExportCell[]): number | null => {
      if (engagement >= 0) return parseCount(cells[engagement]);
      let sum: number | null = null;
      for (const position of engagementParts) {
        const value = parseCount(cells[position]);
        if (value !== null) sum = (sum ?? 0) + value;
      }
      return sum;
    };

    return (cells) => {
      const postedAt = requiredDate(cells[date], zone, dateLabel, DATE_FORMS);
      if (typeof postedAt === 'string') return postedAt;
      const fullText = optionalText(cells[text]);
      const body = requiredText(
        fullText ?? optionalText(cells[snippet]) ?? optionalText(cells[title]),
        textLabel,
      );
      if (typeof body !== 'string') return body.problem;
      return {
        postedAt,
        url: optionalText(cells[url]),
        author: optionalText(cells[author]) ?? optionalText(cells[fullName]),
        platform: optionalText(cells[platform])?.toLowerCase() ?? null,
        title: optionalText(cells[title]),
        text: body,
        language: languageCode(cells[language]),
        reach: reachOf(cells),
        engagement: engagementOf(cells),
        toolSentiment: parseToolSentiment(cells[sentiment], 1),
        country: optionalText(cells[country]),
      };
    };
  },
};
