// The one cut every score makes: ingest and rescoring both read only the first characters of a text,
// so a rescored mention is scored on exactly what ingest scored.
export const MAX_SCORED_TEXT = 10_000;

/** The part of a text a scorer reads. */
export function cutForScoring(text: string): string {
  return text.length > MAX_SCORED_TEXT ? text.slice(0, MAX_SCORED_TEXT) : text;
}
