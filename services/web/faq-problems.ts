// The FAQ register's refusals (English, starting with the field) as Dutch errors linked to the form field.
import { RequestError } from '../request-error.js';
import type { PageError } from './messages.js';

/** The service's field names -> the ids and labels of the FAQ form. */
export const FAQ_FORM_FIELDS: Record<string, { id: string; label: string }> = {
  question: { id: 'vraag', label: 'Vraag' },
  answer: { id: 'antwoord', label: 'Antwoord' },
  url: { id: 'url', label: 'Webadres' },
  topics: { id: 'onderwerpen', label: 'Onderwerpen' },
  audience: { id: 'doelgroep-inwoners', label: 'Doelgroep' },
  status: { id: 'status', label: 'Status' },
  valid_from: { id: 'geldig-van', label: 'Geldig vanaf' },
  valid_until: { id: 'geldig-tot', label: 'Geldig tot en met' },
  owner: { id: 'eigenaar', label: 'Eigenaar' },
  measures: { id: 'maatregelen', label: 'Maatregelen' },
  version: { id: 'antwoord', label: 'Versie' },
  topic: { id: 'onderwerp', label: 'Onderwerp' },
  q: { id: 'zoek', label: 'Zoeken' },
  cursor: { id: 'zoek', label: 'Pagina' },
};

const DUTCH: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^is empty/, () => 'vul dit in'],
  [/^is missing/, () => 'vul dit in'],
  [/^is longer than (\d+) characters/, (m) => `mag hoogstens ${m[1]} tekens lang zijn`],
  [
    /^no measure (.+) in the timeline/,
    (m) => `deze maatregel staat niet in de tijdlijn: ${m[1]!.replace(/"/g, '')}`,
  ],
  [/^unknown topic "([^"]*)"/, (m) => `onbekend onderwerp "${m[1]}"`],
  [/^unknown audience "([^"]*)"/, (m) => `onbekende doelgroep "${m[1]}"`],
  [/^"([^"]*)" is not a date/, (m) => `"${m[1]}" is geen datum (jjjj-mm-dd)`],
  [/^lies before valid_from/, () => 'ligt vóór de datum vanaf'],
  [/^"([^"]*)" is not an http\(s\) address/, (m) => `"${m[1]}" is geen webadres (https://...)`],
  [
    /^the FAQ is at version (\d+)/,
    (m) => `iemand anders heeft de FAQ intussen gewijzigd (nu versie ${m[1]}); laad de pagina opnieuw`,
  ],
  [/^no team/, () => 'dit team bestaat niet'],
  [/^no user/, () => 'deze gebruiker bestaat niet'],
  [/^not a cursor/, () => 'deze pagina bestaat niet; begin opnieuw bij de eerste'],
];

/** The errors of a refused request; null when the error is not a refusal (the caller throws it on). */
export function faqProblems(
  error: unknown,
): { status: number; errors: PageError[]; invalid: Record<string, true> } | null {
  if (!(error instanceof RequestError) || error.statusCode >= 500 || error.statusCode === 404) return null;
  const errors = error.message.split('; ').map((part) => {
    const match = /^([a-z_]+): (.*)$/s.exec(part);
    const target = (match && FAQ_FORM_FIELDS[match[1]!]) ?? { id: 'antwoord', label: 'Formulier' };
    const text = match?.[2] ?? part;
    const dutch = DUTCH.map(([pattern, say]) => {
      const found = text.match(pattern);
      return found ? say(found) : null;
    }).find((said) => said !== null);
    return { id: target.id, label: target.label, message: dutch ?? 'dit kan niet' };
  });
  return {
    status: error.statusCode,
    errors,
    invalid: Object.fromEntries(errors.map((e) => [e.id, true as const])),
  };
}
