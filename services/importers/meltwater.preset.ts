// Meltwater's CSV export: comma-separated UTF-8, or (by default) UTF-16LE with tabs. The date is written as
// 29-Jan-2021 02:05PM, or as a date with the time of day in a separate "Time" column; "Alternate Date Format"
// (Jan 29, 2021) is the fallback when "Date" cannot be read.
//
// Text: the longer of "Opening Text" and "Hit Sentence" (social posts have only the hit sentence, articles a longer
// opening), else the headline. Platform: a source or media type column when present, else "Source".
import type { ExportCell } from './export-cell.js';
import { languageCode, optionalText, parseCount, parseToolSentiment } from './export-cell.js';
import { hasTimeOfDay, parseTimeOfDay } from './export-date.js';
import type { ExportPreset } from './export-preset.js';
import { requiredDate, requiredText } from './preset-fields.js';

const DATE_FORMS = 'DD-Mon-YYYY with a time such as 02:05PM, or a Time column';

/** Joins a date without a time of day and a separate time cell into one cell the date parser reads. */
function withTime(date: ExportCell | undefined, time: ExportCell | undefined): ExportCell | undefined {
  if (date === undefined || date === null || time === undefined || time === null || hasTimeOfDay(date))
    return date;
  if (date instanceof Date) {
    const ms = parseTimeOfDay(time);
    return ms === null ? date : new Date(date.getTime() + ms);
  }
  const timeText = optionalText(time);
  if (timeText === null || typeof date === 'number') return date;
  return `${optionalText(date) ?? ''} ${timeText}`;
}

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
  createMapper(header, zone) {
    const date = header.index('date');
    const time = header.index('time');
    const alternateDate = header.index('alternateDate');
    const headline = header.index('headline');
    const url = header.index('url');
    const opening = header.index('opening');
    const hit = header.index('hit');
    const source = header.index('source');
    const sourceType = header.index('sourceType');
    const author = header.index('author');
    const country = header.index('country');
    const language = header.index('language');
    const reach = header.index('reach');
    const engagement = header.index('engagement');
    const sentiment = header.index('sentiment');
    const dateLabel = header.label('date');
    const textLabel = `${header.label('opening')}/${header.label('hit')}`;
    return (cells) => {
      let postedAt = requiredDate(withTime(cells[date], cells[time]), zone, dateLabel, DATE_FORMS);
      if (typeof postedAt === 'string' && alternateDate >= 0 && optionalText(cells[alternateDate]) !== null) {
        const fallback = requiredDate(
          withTime(cells[alternateDate], cells[time]),
          zone,
          dateLabel,
          DATE_FORMS,
        );
        if (typeof fallback === 'number') postedAt = fallback;
      }
      if (typeof postedAt === 'string') return postedAt;
      const openingText = optionalText(cells[opening]);
      const hitText = optionalText(cells[hit]);
      const longer =
        openingText !== null && (hitText === null || openingText.length >= hitText.length)
          ? openingText
          : hitText;
      const body = requiredText(longer ?? optionalText(cells[headline]), textLabel);
      if (typeof body !== 'string') return body.problem;
      return {
        postedAt,
        url: optionalText(cells[url]),
        author: optionalText(cells[author]),
        platform: (optionalText(cells[sourceType]) ?? optionalText(cells[source]))?.toLowerCase() ?? null,
        title: optionalText(cells[headline]),
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
