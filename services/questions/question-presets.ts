// The two shapes of question logs the importer reads: a generic KCC log export with Dutch headers, and the
// contact-moment export of KISS (vraag, specifiekeVraag, kanaal, gespreksresultaat, verantwoordelijkeAfdeling, start
// time). Each preset names its columns (header aliases, compared without case, spaces, dashes and underscores) and
// turns one row into a raw question or a problem that names the column.
import type { QuestionChannel } from './question.js';

export const QUESTION_PRESETS = ['kcc', 'kiss'] as const;
export type QuestionPreset = (typeof QUESTION_PRESETS)[number];

export type Field =
  | 'id'
  | 'received'
  | 'date'
  | 'time'
  | 'channel'
  | 'text'
  | 'detail'
  | 'team'
  | 'result'
  | 'callback'
  | 'name'
  | 'phone'
  | 'email';

export interface PresetColumns {
  /** Header aliases per field, already normalised. */
  columns: Partial<Record<Field, readonly string[]>>;
  /** Fields that must have a column; `received` may instead come from `date` (+ `time`). */
  required: readonly Field[];
}

export const normaliseHeader = (header: string) => header.toLowerCase().replace(/[\s_\-./]+/g, '');

export const PRESET_COLUMNS: Record<QuestionPreset, PresetColumns> = {
  kcc: {
    columns: {
      id: ['id', 'nummer', 'registratienummer', 'kenmerk', 'vraagnummer', 'zaaknummer'],
      received: ['datumtijd', 'ontvangen', 'ontvangenop', 'tijdstip', 'registratiedatum', 'datumentijd'],
      date: ['datum'],
      time: ['tijd'],
      channel: ['kanaal', 'contactkanaal'],
      text: ['vraag', 'vraagtekst', 'omschrijving', 'onderwerpvraag'],
      team: ['team', 'afdeling', 'doorgestuurdnaar'],
      callback: ['terugbellen', 'terugbelverzoek'],
      name: ['naam', 'naaminwoner'],
      phone: ['telefoon', 'telefoonnummer'],
      email: ['email', 'emailadres'],
    },
    required: ['channel', 'text', 'received'],
  },
  kiss: {
    columns: {
      id: ['id', 'contactmomentid', 'url', 'uuid', 'identificatie'],
      received: ['starttijd', 'startdatum', 'registratiedatum', 'startdatumtijd'],
      channel: ['kanaal'],
      text: ['vraag'],
      detail: ['specifiekevraag'],
      team: ['verantwoordelijkeafdeling'],
      result: ['gespreksresultaat'],
    },
    required: ['channel', 'text', 'received'],
  },
};

const CHANNEL_WORDS: [RegExp, QuestionChannel][] = [
  [/^(telefo(on|nisch)|tel|phone|bellen)$/, 'telefoon'],
  [/^(e-?mail|mail|email)$/, 'e-mail'],
  [/^(balie|loket|fysiek|baliebezoek)$/, 'balie'],
  [/^(webformulier|contactformulier|formulier|web|website|chat|webchat)$/, 'webformulier'],
  [/^(social|sociale media|social media|twitter|x|facebook|instagram|whatsapp)$/, 'social'],
];

/** The register's channel for a channel as a log writes it, or null. */
export function channelOf(value: string): QuestionChannel | null {
  const word = value.trim().toLowerCase();
  for (const [pattern, channel] of CHANNEL_WORDS) if (pattern.test(word)) return channel;
  return null;
}

/** Which preset a header row is, when the user did not say: KISS has columns no generic log has. */
export function guessPreset(headers: readonly string[]): QuestionPreset {
  const names = new Set(headers.map(normaliseHeader));
  return names.has('specifiekevraag') ||
    names.has('verantwoordelijkeafdeling') ||
    names.has('gespreksresultaat')
    ? 'kiss'
    : 'kcc';
}
