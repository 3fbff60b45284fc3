// Meltwater's CSV export: comma-separated UTF-8, or (by default) UTF-16LE with tabs. The date is written as
// 29-Jan-2021 02:05PM, or as a date with the time of day in a separate "Time" column; "Alternate Date Format"
// (Jan 29, 2021) is the fallback when "Date" cannot be read.
//
// Text: the longer of "Opening Text" and "Hit Sentence" (social posts have only the hit sentence, articles a longer
// opening), else the headline. Platform: a source or media type column when present, else "Source".
import type { ExportPreset } from './export-preset.js';

const DATE_FORMS = 'DD-Mon-YYYY with a time such as 02:05PM, or a Time column';

export const meltwaterPreset: ExportPreset = {
  name: 'meltwater',
  label: 'Meltwater',
  delimiters: [',', '\t', ';'],
  columns: [
    { key: 'date', names: ['Date'] },
    { key: 'headline', names: ['Headline'] },
    { key: 'url', names: ['URL'] },
    { key: 'opening', names: ['Opening Text'] },
    { key: 'hit', names: ['Hit Sentence'] },
    { key: 'source', names: ['Source'] },
    { key: 'sourceType', names: ['Source Type', 'Media Type', 'Document Type'] },
    { key: 'author', names: ['Influencer', 'Author'] },
    { key: 'country', names: ['Country'] },
    { key: 'language', names: ['Language'] },
    { key: 'reach', names: ['Reach'] },
    { key: 'engagement', names: ['Engagement'] },
    { key: 'sentiment', names: ['Sentiment'] },
    { key: 'keywords', names: ['Keywords'] },
    { key: 'time', names: ['Time'] },
    { key: 'alternateDate', names: ['Alternate Date Format'] },
  ],
  required: [['date'], ['headline'], ['url'], ['source'], ['opening', 'hit']],
  expected:
    'Meltwater (CSV separated by "," or tabs): Date, Headline, URL, Opening Text, Hit Sentence, Source, ' +
    'Influencer, Country, Language, Reach, Engagement, Sentiment, Keywords, Time, Alternate Date Format, ...',
  mapping: {
    date: { key: 'date', forms: DATE_FORMS, timeKey: 'time', fallbackKey: 'alternateDate' },
    text: [['opening', 'hit'], ['headline']],
    url: ['url'],
    author: ['author'],
    platform: ['sourceType', 'source'],
    title: ['headline'],
    language: ['language'],
    reach: ['reach'],
    engagement: ['engagement'],
    sentiment: { key: 'sentiment', scale: 1 },
    country: ['country'],
  },
};
