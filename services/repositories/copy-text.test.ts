import { describe, expect, it } from 'vitest';
import { copyField, copyRow } from './copy-text.js';

describe('COPY text format', () => {
  it('writes null as \\N and numbers as their decimal text', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(-0.125)).toBe('-0.125');
    expect(copyField(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(() => copyField(Number.NaN)).toThrow(/NaN/);
  });

  it('escapes the backslash and the characters that end a field or a row', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    // The text \N is a value, not null: its backslash is escaped.
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('gewoon tekst')).toBe('gewoon tekst');
  });

  it('joins fields with tabs and ends the row with a newline', () => {
    expect(copyRow(['a', null, 3])).toBe('a\t\\N\t3\n');
  });
});
