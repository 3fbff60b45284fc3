// Which questions a question_spike alert quotes, and how: the questions of the window that carry most of what rose
// (the emerging terms), else most of what the window's questions share, one of each wording; phone numbers and
// e-mail addresses typed into a question are masked, because an alert is no place for a resident's contact details.
import { documentTerms, type EmergingTerm } from '../terms/emerging-terms.js';

// A question sharing this much of its terms with one already chosen says the same thing again.
const SAME_QUESTION = 0.8;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Dutch numbers start with 0, +31 or 0031; 9 to 13 digits with spaces, dashes, dots or brackets between them.
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\d[\d\s().-]{7,18}\d(?![\p{L}\p{N}])/gu;

export function withoutContactDetails(text: string): string {
  return text.replace(EMAIL, '[e-mailadres]').replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    const plausible = /^(?:\+|00|0)/.test(match) && digits.length >= 9 && digits.length <= 13;
    return plausible ? '[telefoonnummer]' : match;
  });
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Up to `limit` questions, most telling first. `questions` come newest first, which also breaks ties; `emerging`
 * are the window's emerging terms (may be empty when the baseline is thin).
 */
export function topQuestions<T extends { text: string }>(
  questions: readonly T[],
  emerging: readonly EmergingTerm[],
  limit: number,
): T[] {
  const weight = new Map(emerging.map((term) => [term.term, term.g2]));
  const terms = questions.map((question) => documentTerms(question.text));
  const frequency = new Map<string, number>();
  for (const set of terms) for (const term of set) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const ranked = questions.map((question, i) => {
    let rose = 0;
    let shared = 0;
    for (const term of terms[i]!) {
      rose += weight.get(term) ?? 0;
      shared += (frequency.get(term) ?? 1) - 1;
    }
    return { question, terms: terms[i]!, rose, shared, order: i };
  });
  ranked.sort((a, b) => b.rose - a.rose || b.shared - a.shared || a.order - b.order);
  const chosen: typeof ranked = [];
  for (const candidate of ranked) {
    if (chosen.length >= limit) break;
    if (chosen.some((other) => overlap(other.terms, candidate.terms) >= SAME_QUESTION)) continue;
    chosen.push(candidate);
  }
  return chosen.map((entry) => entry.question);
}
