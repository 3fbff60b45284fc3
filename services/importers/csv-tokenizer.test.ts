import { describe, expect, it } from 'vitest';

import { CsvTokenizer } from './csv-tokenizer.js';
import type { CsvRecordProblem } from './csv-tokenizer.js';

interface Record_ {
  fields: string[];
  problem: CsvRecordProblem | null;
}

function tokenize(chunks: string[], delimiter = ';', maxCellChars = 1000): Record_[] {
  const records: Record_[] = [];
  const tokenizer = new CsvTokenizer(delimiter, maxCellChars);
  const sink = (fields: string[], problem: CsvRecordProblem | null): void => {
    records.push({ fields, problem });
  };
  for (const chunk of chunks) tokenizer.push(chunk, sink);
  tokenizer.end(sink);
  return records;
}

const fields = (records: Record_[]): string[][] => records.map((record) => record.fields);

describe('CsvTokenizer', () => {
  const sample = 'a;"b;1";"say ""hi"""\r\n"multi\r\nline";;x\n\nlast;"";"q"\r\n';
  const expected = [['a', 'b;1', 'say "hi"'], ['multi\r\nline', '', 'x'], [''], ['last', '', 'q']];

  it('splits fields and records, with quotes, doubled quotes, line breaks in quotes and empty lines', () => {
    expect(fields(tokenize([sample]))).toEqual(expected);
  });

  it('gives the same records however the text is cut into chunks', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < sample.length; i += size) chunks.push(sample.slice(i, i + size));
      expect(fields(tokenize(chunks))).toEqual(expected);
    }
  });

  it('treats a lone CR as a line break and skips the LF of a CRLF cut between chunks', () => {
    expect(fields(tokenize(['a;b\r', '\nc;d\re;f']))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps a quote inside an unquoted value and text after a closing quote', () => {
    expect(fields(tokenize(['5" scherm;"a"b;c\n']))).toEqual([['5" scherm', 'ab', 'c']]);
  });

  it('flushes the last record without a final line break, and none after one', () => {
    expect(fields(tokenize(['a;b']))).toEqual([['a', 'b']]);
    expect(fields(tokenize(['a;b\n']))).toEqual([['a', 'b']]);
    expect(fields(tokenize(['a;']))).toEqual([['a', '']]);
  });

  it('reports a quote still open at the end with the field it started in', () => {
    const records = tokenize(['a;b\nc;"open\nstill open']);
    expect(records[1]).toEqual({
      fields: ['c', 'open\nstill open'],
      problem: { kind: 'unclosed-quote', field: 1 },
    });
  });

  it('drops an over-long cell but keeps its length and reads the records after it', () => {
    const records = tokenize(['a;"', 'x'.repeat(30), 'y'.repeat(30), '";b\nnext;row\n'], ';', 50);
    expect(records[0]).toEqual({
      fields: ['a', '', 'b'],
      problem: { kind: 'cell-too-long', field: 1, length: 60 },
    });
    expect(records[1]).toEqual({ fields: ['next', 'row'], problem: null });
  });

  it('uses the delimiter it is given', () => {
    expect(fields(tokenize(['a\tb;c\n'], '\t'))).toEqual([['a', 'b;c']]);
    expect(() => new CsvTokenizer('"', 10)).toThrow(RangeError);
  });
});
