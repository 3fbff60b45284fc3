// Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection); OWASP's guidance is to
// make such a cell plain text with a leading single quote. Full-width forms are included because some programs
// normalise them to their ASCII twins before parsing.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** True when a spreadsheet program would treat the text as a formula or command. */
export function looksLikeFormula(value: string): boolean {
  return value.length > 0 && FORMULA_TRIGGERS.has(value.charAt(0));
}

/**
 * Makes text safe to write into a CSV or XLSX cell that a person will open in a spreadsheet program:
 * a value that would start a formula gets a leading single quote, everything else is returned unchanged.
 * Write numbers as numbers, not through this function, or negative numbers become text.
 */
export function neutraliseCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
