// The Dutch words of the web pages that are not in a template: role names, field names, problems.
import type { ProblemCode, UserRole } from '../users/user.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../users/user.js';
import { RequestError } from '../request-error.js';

export const ROLE_LABELS: Record<UserRole, string> = {
  kcc: 'KCC-medewerker',
  team: 'Teamlid',
  coordinator: 'Coördinator',
  analyst: 'Analist',
  admin: 'Beheerder',
};

export const ROLE_TEXTS: Record<UserRole, string> = {
  kcc: 'Als KCC-medewerker registreert u de vragen van inwoners die binnenkomen per telefoon, e-mail, balie of webformulier.',
  team: 'Als teamlid behandelt u de vragen die naar uw team zijn doorgestuurd en beantwoordt u ze.',
  coordinator:
    'Als coördinator houdt u de wachtrij van vragen bij: u stuurt vragen door, bewaakt de termijnen en sluit vragen af.',
  analyst: 'Als analist bekijkt u wat inwoners zeggen en vragen, per onderwerp en in de tijd.',
  admin: 'Als beheerder maakt u gebruikers aan en schakelt u ze uit.',
};

export const PROBLEM_TEXTS: Record<ProblemCode, string> = {
  'name.empty': 'Vul een gebruikersnaam in.',
  'name.pattern':
    'Gebruik 2 tot 64 tekens: letters, cijfers, punt, streepje, liggend streepje of @, en begin met een letter of cijfer.',
  'name.taken': 'Deze gebruikersnaam is al in gebruik. Kies een andere naam.',
  'role.unknown': 'Kies een rol uit de lijst.',
  'team.unknown': 'Dit team bestaat niet. Kies een team uit de lijst.',
  'team.required': 'Een teamlid hoort bij een team. Kies een team.',
  'password.short': `Gebruik minstens ${MIN_PASSWORD_LENGTH} tekens.`,
  'password.long': `Gebruik hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
  'password.same': 'Kies een ander wachtwoord dan het huidige.',
  'current.wrong': 'Het huidige wachtwoord klopt niet.',
  'repeat.differs': 'Dit is niet gelijk aan het nieuwe wachtwoord.',
};

/** One error as the pages show it: the field's id (for the link), its label and the message. */
export interface PageError {
  id: string;
  label: string;
  message: string;
}

/** The channels of a question as the KCC form lists them (the values are the domain's). */
export const CHANNEL_LABELS: Record<string, string> = {
  telefoon: 'Telefoon',
  'e-mail': 'E-mail',
  balie: 'Balie',
  webformulier: 'Webformulier',
  social: 'Sociale media',
};

/** How a question was answered, as the answer form offers it. */
export const ANSWERED_HOW_LABELS: Record<string, string> = {
  'telefonisch teruggebeld': 'Telefonisch teruggebeld',
  'per e-mail': 'Per e-mail',
  'verwezen naar': 'Verwezen naar',
};

export const SENTIMENT_LABELS: Record<string, string> = {
  positive: 'positief',
  neutral: 'neutraal',
  negative: 'negatief',
};

/** How routing chose the team, for the history. */
export const ROUTED_BY_LABELS: Record<string, string> = {
  topic: 'op onderwerp',
  default: 'naar het standaardteam (geen onderwerp met een route)',
  given: 'gekozen bij het registreren',
};

/** What each event of a question's history is called. */
export const EVENT_LABELS: Record<string, string> = {
  registered: 'Geregistreerd',
  routed: 'Doorgestuurd',
  assigned: 'Toegewezen',
  reassigned: 'Naar ander team gestuurd',
  status: 'Status gewijzigd',
  answered: 'Beantwoord',
  answered_faq: 'Beantwoord met FAQ',
  closed: 'Gesloten',
  escalated: 'Termijn verstreken, gemeld bij de coördinator',
};

/** The notice after an action on the question page (`?gedaan=`). */
export const DONE_TEXTS: Record<string, string> = {
  toegewezen: 'De toewijzing is opgeslagen.',
  status: 'De status is gewijzigd.',
  beantwoord: 'Het antwoord is opgeslagen; de vraag staat op beantwoord.',
  faq: 'De vraag is beantwoord met de FAQ; de vraag staat op beantwoord.',
  gesloten: 'De vraag is gesloten.',
};

/** The Dutch message for a refused question field; `max` and `got` come from the service's message. */
export const QUESTION_PROBLEM_TEXTS = {
  'text.empty': () => 'Vul de vraag van de inwoner in.',
  'text.long': (max: string, got: string) =>
    `De vraag is te lang: hoogstens ${max} tekens, deze heeft er ${got}. Vat de vraag samen.`,
  'channel.unknown': () => 'Kies een kanaal uit de lijst.',
  'team.unknown': () => 'Dit team bestaat niet. Kies een team uit de lijst.',
  'email.invalid': () => 'Dit is geen e-mailadres. Gebruik de vorm naam@voorbeeld.nl.',
  'field.long': (max: string) => `Gebruik hoogstens ${max} tekens.`,
  'when.invalid': () => 'Vul een datum en tijd in, bijvoorbeeld 03-12-2026 14:00.',
  'form.incomplete': () =>
    'Het formulier is niet compleet verstuurd. Open de pagina opnieuw en vul de vraag nog eens in.',
  'answer.empty': () => 'Schrijf het antwoord dat de inwoner kreeg.',
  'answer.long': (max: string) => `Het antwoord is te lang: hoogstens ${max} tekens.`,
  'how.unknown': () => 'Kies hoe de vraag is beantwoord.',
  'to.empty': () => 'Vul in waarnaar de inwoner is verwezen.',
  'reassign.empty': () => 'Kies een ander team of vul een behandelaar in.',
  'status.unknown': () => 'Kies een status uit de lijst.',
  'topic.unknown': () => 'Kies een onderwerp uit de lijst.',
  'cursor.invalid': () => 'Deze pagina van de lijst bestaat niet meer. Begin bij de eerste pagina.',
  'faq.empty': () => 'Kies de FAQ waarmee de vraag is beantwoord.',
  'faq.unknown': () => 'Deze FAQ bestaat niet. Kies een FAQ uit de lijst.',
  'faq.unpublished': () =>
    'Deze FAQ is niet (meer) gepubliceerd. Beantwoord alleen met een gepubliceerde FAQ: kies een andere.',
  'faq.search': () => 'Vul een zoekterm in van hoogstens 2.000 tekens.',
  'answered.already': () => 'Deze vraag is al beantwoord; het team van de vraag handelt hem verder af.',
  closed: () => 'Deze vraag is al gesloten; er kan niets meer aan veranderen.',
  'not.answered': () => 'Een vraag wordt pas gesloten als ze is beantwoord. Vul eerst het antwoord in.',
  other: () => 'Dit is niet goed ingevuld.',
} as const;

/** The gaps service's refusals (English, starting with the parameter) as Dutch errors at the page's fields. */
const GAP_FIELDS: Record<string, { id: string; label: string }> = {
  from: { id: 'van', label: 'Van' },
  to: { id: 'tot', label: 'Tot' },
  cluster: { id: 'groepen', label: 'Groep' },
  limit: { id: 'van', label: 'Aantal' },
};

const GAP_DUTCH: [RegExp, string][] = [
  [/expected epoch milliseconds/, 'vul een datum in als jjjj-mm-dd'],
  [/before it starts/, 'de periode eindigt voordat hij begint; kies een latere datum "tot"'],
  [/is empty/, 'de periode is leeg; kies een latere datum "tot"'],
  [/at most \d+ days/, 'de periode is langer dan een jaar (366 dagen); kies een kortere periode'],
  [/no gap cluster/, 'deze groep vragen staat niet (meer) in deze periode; de lijst is bijgewerkt'],
  [/the id of a gap cluster/, 'kies een groep uit de lijst'],
];

export function gapProblems(error: unknown): PageError[] | null {
  if (!(error instanceof RequestError) || error.statusCode >= 500) return null;
  const [name, ...rest] = error.message.split(':');
  const field = GAP_FIELDS[name ?? ''] ?? { id: 'van', label: 'Periode' };
  const detail = rest.join(':');
  const message = GAP_DUTCH.find(([pattern]) => pattern.test(detail))?.[1] ?? 'dit is niet goed ingevuld';
  return [{ ...field, message }];
}

/** The report period's refusals (English, starting with `from` or `to`) as Dutch errors at the Rapportage fields. */
const REPORT_FIELDS: Record<string, { id: string; label: string }> = {
  from: { id: 'van', label: 'Van' },
  to: { id: 'tot', label: 'Tot (niet meegeteld)' },
};

const REPORT_DUTCH: [RegExp, string][] = [
  [/expected a date written as YYYY-MM-DD/, 'vul een datum in als jjjj-mm-dd (bijvoorbeeld 2021-01-18)'],
  [/is outside 2000\.\.2100/, 'kies een datum tussen het jaar 2000 en 2100'],
  [/the period is empty/, 'de periode is leeg: de dag "tot" telt niet mee; kies een latere datum "tot"'],
  [/before it starts/, 'de periode eindigt voordat hij begint; kies een latere datum "tot"'],
  [/at most \d+ days/, 'een rapport beslaat hoogstens 366 dagen (een jaar); kies een kortere periode'],
];

export function reportPeriodProblems(error: unknown): PageError[] | null {
  if (!(error instanceof RequestError) || error.statusCode >= 500) return null;
  const [name, ...rest] = error.message.split(':');
  const field = REPORT_FIELDS[name ?? ''];
  if (field === undefined) return null;
  const detail = rest.join(':');
  const message = REPORT_DUTCH.find(([pattern]) => pattern.test(detail))?.[1] ?? 'dit is niet goed ingevuld';
  return [{ ...field, message }];
}
