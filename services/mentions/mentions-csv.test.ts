import { describe, expect, it } from 'vitest';
import { csvLine } from './mentions-csv.js';

describe('csvLine', () => {
  it('neutralises formulas, quotes separators and quotes, and keeps numbers as numbers', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+31 6 1234', '-5 graden', '@gemeente', 'gewoon tekst'])).toBe(
      `"'=HYPERLINK(""http://x"")";'+31 6 1234;'-5 graden;'@gemeente;gewoon tekst\r\n`,
    );
    expect(csvLine([-0.5, null, 'a;b', 'regel\nnieuw'])).toBe('-0.5;;"a;b";"regel\nnieuw"\r\n');
  });
});
