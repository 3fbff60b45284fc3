import { describe, expect, it } from 'vitest';

import {
  isBlankRecord,
  languageCode,
  messageText,
  optionalText,
  parseCount,
  parseToolSentiment,
} from './export-cell.js';

describe('export cells', () => {
  it('reads text, trimmed, with line breaks as \\n, and keeps formula-like text', () => {
    expect(optionalText('  a  ')).toBe('a');
    expect(optionalText('   ')).toBeNull();
    expect(optionalText(12)).toBe('12');
    expect(messageText(' a\r\nb\rc ')).toBe('a\nb\nc');
    expect(messageText('=1+1')).toBe('=1+1');
  });

  it('reads counts in the forms exports write them', () => {
    expect(parseCount('1234')).toBe(1234);
    expect(parseCount('1.234')).toBe(1234);
    expect(parseCount('1,234,567')).toBe(1234567);
    expect(parseCount('12,5')).toBe(13);
    expect(parseCount('12.4')).toBe(12);
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('3M')).toBe(3000000);
    expect(parseCount(17.6)).toBe(18);
    expect(parseCount('-5')).toBeNull();
    expect(parseCount('veel')).toBeNull();
    expect(parseCount('')).toBeNull();
  });

  it('maps sentiment words and numbers by sign, and leaves the rest unlabelled', () => {
    expect(parseToolSentiment('positief')).toBe('positive');
    expect(parseToolSentiment(' NEGATIEF ')).toBe('negative');
    expect(parseToolSentiment('Neutral')).toBe('neutral');
    expect(parseToolSentiment('-3')).toBe('negative');
    expect(parseToolSentiment(4)).toBe('positive');
    expect(parseToolSentiment('0')).toBe('neutral');
    expect(parseToolSentiment('7')).toBeNull();
    expect(parseToolSentiment('2', 1)).toBeNull();
    expect(parseToolSentiment('Not Rated')).toBeNull();
    expect(parseToolSentiment('')).toBeNull();
  });

  it('reads language codes and names', () => {
    expect(languageCode('nl')).toBe('nl');
    expect(languageCode('nl-NL')).toBe('nl');
    expect(languageCode('en_GB')).toBe('en');
    expect(languageCode('Dutch')).toBe('nl');
    expect(languageCode('Engels')).toBe('en');
    expect(languageCode('Klingon')).toBeNull();
  });

  it('recognises blank records', () => {
    expect(isBlankRecord(['', ' ', null])).toBe(true);
    expect(isBlankRecord(['', 0])).toBe(false);
  });
});
