// Brandwatch's Mentions export (CSV or XLSX): a few rows of report metadata, then a header row that starts with
// "Query Id". Dates are written without an offset, in the time zone the export was made in.
//
// Reach: "Reach (new)", else "Reach", else "Impressions" (the nearest thing some exports have). Engagement: a total
// column when there is one, else the sum of the per-platform likes, comments, shares, reposts and replies columns.
import type { ExportPreset } from './export-preset.js';

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
  mapping: {
    date: { key: 'date', forms: DATE_FORMS },
    text: [['text'], ['snippet'], ['title']],
    url: ['url'],
    author: ['author', 'fullName'],
    platform: ['platform'],
    title: ['title'],
    language: ['language'],
    reach: ['reachNew', 'reach', 'impressions'],
    engagement: ['engagement'],
    engagementParts: ENGAGEMENT_PART,
    sentiment: { key: 'sentiment', scale: 1 },
    country: ['country'],
  },
};
