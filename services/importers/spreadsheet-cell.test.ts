import { describe, expect, it } from 'vitest';

import { looksLikeFormula, neutraliseCell } from './spreadsheet-cell.js';

describe('neutraliseCell', () => {
  it('prefixes a single quote to text that a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+31 6 1234', '-5 graden', '@SUM(A1)', '\t=cmd', '\r=cmd', '\uFF1D1+1']) {
      expect(neutraliseCell(value)).toBe(`'${value}`);
      expect(looksLikeFormula(value)).toBe(true);
    }
  });

  it('leaves other text alone', () => {
    for (const value of ['', 'Avondklok', ' =not first', "'already quoted", '5-1-2021']) {
      expect(neutraliseCell(value)).toBe(value);
    }
  });
});
