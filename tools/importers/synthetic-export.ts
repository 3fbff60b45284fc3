// Writes a synthetic OBI4wan export: invented Dutch (and some English) posts by residents, businesses, media and
// institutions about the corona measures in Gooi en Vechtstreek, in OBI4wan's CSV format. Seeded: the same options
// give the same bytes. Used for the sample in samples/, for tests and for benchmarks; never to be taken as real data
// (the URLs point at .example domains).
//
// Shape: volume follows a daily rhythm (quiet nights, peaks in the morning, at lunch and in the evening), weekdays
// busier than weekends, plus events (a press conference, a new measure) that raise the volume of one topic and tilt
// its sentiment, then fade. OBI4wan's own Sentiment column is a noisy copy of the sentiment each text was written
// with, as a listening tool's labels are.
import { open } from 'node:fs/promises';

import iconv from 'iconv-lite';

import { SeededRandom } from '../../services/random/seeded-random.js';
import {
  BLOGS,
  BUSINESSES,
  BUSINESS_EXTRAS,
  BUSINESS_POSTS,
  ENGLISH_CLOSINGS,
  ENGLISH_GENERAL,
  INSTITUTION_EXTRAS,
  CLOSINGS,
  CONTRAST_LINKS,
  EMOJI,
  EMOTICONS,
  FIRST_NAMES,
  FORUM_TOPICS,
  GENERAL_OPINIONS,
  REGIONAL_INSTITUTIONS,
  RESIDENT_ASIDES,
  MEDIA_LEADS,
  MEDIA_OUTLETS,
  MUNICIPALITIES,
  NICKNAME_NOUNS,
  NICKNAME_PARTS,
  OPENERS,
  SLOT_WORDS,
  SURNAMES,
  TOPICS,
} from './synthetic-vocabulary.js';
import type { Municipality, Polarity, SyntheticTopic } from './synthetic-vocabulary.js';
import { TimeZone } from '../../services/time/zoned-time.js';

export type { SyntheticTopic } from './synthetic-vocabulary.js';

export interface SyntheticEvent {
  at: Date;
  topic: SyntheticTopic;
  /** Extra volume at the peak, as a multiple of the normal volume of that hour. */
  strength: number;
  /** -1 (everyone angry) .. 1 (everyone pleased): how the event tilts the sentiment of posts about it. */
  tone: number;
  /** Hours for the extra volume to halve; 8 when not given. */
  halfLifeHours?: number;
}

export interface SyntheticExportOptions {
  rows: number;
  seed: number;
  /** The first day (its calendar day in Europe/Amsterdam) of the period. */
  start: Date;
  days: number;
  /** cp1252 is what an export opened and saved in Excel on Windows is: emoji then become emoticons. */
  encoding?: 'utf8' | 'cp1252';
  /** Events that shape volume and sentiment; without them a few are drawn from the seed. */
  events?: readonly SyntheticEvent[];
}

export interface SyntheticExportResult {
  rows: number;
  bytes: number;
  events: SyntheticEvent[];
}

export const OBI4WAN_HEADER =
  'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde';

const ZONE = 'Europe/Amsterdam';
const HOUR_MS = 3_600_000;
const ROWS_PER_WRITE = 4096;

/** Relative volume per local hour of the day. */
const HOUR_RHYTHM = [
  0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.3, 0.7, 1.1, 1.2, 1.15, 1.1, 1.25, 1.2, 1.05, 1.0, 1.05, 1.15, 1.25,
  1.4, 1.55, 1.5, 1.15, 0.7,
];
/** Relative volume per weekday, Sunday first. */
const WEEKDAY = [0.85, 1.05, 1.0, 1.0, 1.0, 0.95, 0.8];

type AuthorKind = 'resident' | 'business' | 'media' | 'institution';
const AUTHOR_KINDS: readonly AuthorKind[] = ['resident', 'business', 'media', 'institution'];
const AUTHOR_KIND_WEIGHTS = [0.7, 0.09, 0.13, 0.08];

type Source = 'twitter' | 'facebook' | 'instagram' | 'nieuws' | 'forum' | 'blog';
const SOURCES_BY_KIND: Readonly<
  Record<AuthorKind, { sources: readonly Source[]; weights: readonly number[] }>
> = {
  resident: {
    sources: ['twitter', 'facebook', 'instagram', 'forum', 'blog'],
    weights: [0.45, 0.3, 0.1, 0.1, 0.05],
  },
  business: { sources: ['facebook', 'instagram', 'twitter'], weights: [0.55, 0.35, 0.1] },
  media: { sources: ['nieuws', 'twitter', 'facebook'], weights: [0.7, 0.2, 0.1] },
  institution: { sources: ['twitter', 'facebook'], weights: [0.6, 0.4] },
};

/** Base sentiment mix (negative, neutral, positive) per kind of author. */
const POLARITY_MIX: Readonly<Record<AuthorKind, readonly [number, number, number]>> = {
  resident: [0.44, 0.3, 0.26],
  business: [0.3, 0.35, 0.35],
  media: [0.15, 0.8, 0.05],
  institution: [0.02, 0.9, 0.08],
};
/** How topics lean: added to the negative share, taken from the positive share. */
const TOPIC_LEAN: Readonly<Partial<Record<SyntheticTopic, number>>> = {
  avondklok: 0.12,
  horeca: 0.08,
  noodverordening: 0.1,
  steunmaatregelen: 0.1,
  vaccinatie: -0.15,
  testen: -0.05,
};

const TOPIC_IDS = Object.keys(TOPICS) as SyntheticTopic[];
const TOPIC_WEIGHTS = TOPIC_IDS.map((topic) => TOPICS[topic].weight);
const MUNICIPALITY_WEIGHTS = MUNICIPALITIES.map((m) => m.weight);

// Templates are split once into text and slot names so that filling one is a loop of concatenations.
type Template = readonly string[];
const templateCache = new Map<string, Template>();
function compiled(template: string): Template {
  let parts = templateCache.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    templateCache.set(template, parts);
  }
  return parts;
}

interface PostContext {
  random: SeededRandom;
  municipality: Municipality;
}

function fill(template: string, context: PostContext): string {
  const parts = compiled(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    out += slotValue(parts[i]!, context) + parts[i + 1]!;
  }
  return out;
}

/** A filled template as a sentence: a slot at the start ("{persoon} heeft ...") gets its capital. */
function sentence(template: string, context: PostContext): string {
  return capitalise(fill(template, context));
}

function slotValue(slot: string, { random, municipality }: PostContext): string {
  switch (slot) {
    case 'plaats':
      return random.pick(municipality.places);
    case 'spot':
      return random.pick(municipality.spots);
    case 'gemeente':
      return municipality.name;
    default: {
      const words = SLOT_WORDS[slot];
      if (words === undefined) throw new Error(`synthetic template uses unknown slot {${slot}}`);
      return random.pick(words);
    }
  }
}

/** Every template's slots exist: checked by the unit test so a typo cannot slip into a million rows. */
export function unknownTemplateSlots(): string[] {
  const known = new Set(['plaats', 'spot', 'gemeente', ...Object.keys(SLOT_WORDS)]);
  const texts: string[] = [
    ...Object.values(TOPICS).flatMap((topic) => [
      ...topic.observations,
      ...topic.headlines,
      ...topic.announcements,
      ...Object.values(topic.opinions).flat(),
      ...Object.values(topic.english).flat(),
    ]),
    ...Object.values(GENERAL_OPINIONS).flat(),
    ...Object.values(BUSINESS_POSTS).flat(),
    ...MEDIA_LEADS,
    ...CLOSINGS,
    ...BUSINESS_EXTRAS,
    ...RESIDENT_ASIDES,
    ...INSTITUTION_EXTRAS,
    ...ENGLISH_CLOSINGS,
    ...Object.values(ENGLISH_GENERAL).flat(),
  ];
  const unknown = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/\{(\w+)\}/g)) if (!known.has(match[1]!)) unknown.add(match[1]!);
  }
  return [...unknown];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  // Keep names and abbreviations (two capitals, or a capital after the first word) as they are.
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function opposite(polarity: Polarity): Polarity {
  return polarity === 'positive' ? 'negative' : polarity === 'negative' ? 'positive' : 'neutral';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 7)
    .join('-');
}

interface Author {
  display: string;
  handle: string;
}

/** A resident drawn from a pool with a long tail: a few people post a lot, most post once or twice. */
function resident(random: SeededRandom, poolSize: number, seed: number): Author {
  const index = Math.floor(poolSize * Math.pow(random.next(), 3));
  const own = new SeededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const first = own.pick(FIRST_NAMES);
  const last = own.pick(SURNAMES);
  const style = own.int(4);
  const initials = last
    .split(' ')
    .map((word) => (word.length <= 3 ? word.charAt(0) : word))
    .join('')
    .toLowerCase();
  const handle =
    style === 0
      ? `${first.toLowerCase()}_${initials}${own.between(60, 99)}`
      : style === 1
        ? `${own.pick(NICKNAME_PARTS)}${capitalise(own.pick(NICKNAME_NOUNS))}`
        : style === 2
          ? `${first.toLowerCase()}${initials}`
          : `${first.charAt(0).toLowerCase()}${last.replace(/ /g, '').toLowerCase()}${own.int(100)}`;
  return { display: `${first} ${last}`, handle };
}

function authorField(kind: AuthorKind, source: Source, author: Author): string {
  if (kind !== 'resident') return author.display;
  switch (source) {
    case 'twitter':
      return `@${author.handle}`;
    case 'instagram':
    case 'forum':
      return author.handle;
    case 'facebook':
    case 'blog':
    case 'nieuws':
      return author.display;
  }
}

function toolLabel(random: SeededRandom, truth: Polarity): string {
  const r = random.next();
  if (r < 0.05) return '';
  const words: Record<Polarity, string> = { positive: 'positief', negative: 'negatief', neutral: 'neutraal' };
  if (truth === 'neutral') {
    if (r < 0.83) return 'neutraal';
    return r < 0.91 ? 'positief' : 'negatief';
  }
  if (r < 0.67) return words[truth];
  if (r < 0.95) return 'neutraal';
  return words[opposite(truth)];
}

function prValue(random: SeededRandom, kind: AuthorKind): string {
  let euros: number;
  switch (kind) {
    case 'resident':
      euros = random.chance(0.4) ? 0 : Math.exp(random.next() * 4.5 - 2.5);
      break;
    case 'business':
      euros = Math.exp(random.next() * 3.5 - 0.5);
      break;
    case 'media':
      euros = Math.exp(random.next() * 3.8 + 3);
      break;
    case 'institution':
      euros = Math.exp(random.next() * 3 + 1.5);
      break;
  }
  return euros.toFixed(2).replace('.', ',');
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

interface HourPlan {
  startMs: number;
  /** Offset of local time in this hour. */
  offsetMs: number;
  count: number;
  topicWeights: number[];
  /** Sum of event boosts, weighted by tone, for the sentiment tilt. */
  toneShift: number;
}

function drawEvents(random: SeededRandom, firstDayMs: number, days: number): SyntheticEvent[] {
  const events: SyntheticEvent[] = [];
  const count = Math.max(1, Math.round(days / 5));
  for (let i = 0; i < count; i++) {
    const day = random.int(days);
    // Press conferences start at 19:00; other news breaks during the day.
    const hour = random.chance(0.6) ? 19 : random.between(8, 17);
    events.push({
      at: new Date(firstDayMs + day * 24 * HOUR_MS + hour * HOUR_MS),
      topic: TOPIC_IDS[random.weighted(TOPIC_WEIGHTS)]!,
      strength: 1.5 + random.next() * 2,
      tone: -0.6 + random.next() * 0.8,
    });
  }
  return events;
}

function eventBoost(event: SyntheticEvent, hourStartMs: number): number {
  const at = event.at.getTime();
  if (hourStartMs + HOUR_MS <= at - 2 * HOUR_MS) return 0;
  if (hourStartMs + HOUR_MS <= at) return 0.25 * event.strength; // anticipation before it is announced
  const hoursAfter = Math.max(0, (hourStartMs - at) / HOUR_MS);
  return event.strength * Math.pow(0.5, hoursAfter / (event.halfLifeHours ?? 8));
}

/** Local midnight (as a UTC instant) of the start day, and of the day after the period. */
function period(options: SyntheticExportOptions, zone: TimeZone): { firstDayMs: number; endMs: number } {
  const local = new Date(options.start.getTime() + zone.offsetAt(options.start.getTime()));
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  const d = local.getUTCDate();
  const end = new Date(Date.UTC(y, m - 1, d + options.days));
  return {
    firstDayMs: zone.toUtc(y, m, d, 0, 0, 0),
    endMs: zone.toUtc(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate(), 0, 0, 0),
  };
}

/** Splits the rows over the hours of the period, by rhythm, weekday, jitter and events; exact total. */
function planHours(
  options: SyntheticExportOptions,
  random: SeededRandom,
  events: readonly SyntheticEvent[],
): HourPlan[] {
  const zone = TimeZone.of(ZONE);
  const { firstDayMs, endMs } = period(options, zone);
  const plans: HourPlan[] = [];
  const weights: number[] = [];
  let dayJitter = 1;
  let lastDay = -1;
  for (let t = firstDayMs; t < endMs; t += HOUR_MS) {
    const offsetMs = zone.offsetAt(t);
    const local = new Date(t + offsetMs);
    const day = Math.floor((t - firstDayMs) / (24 * HOUR_MS));
    if (day !== lastDay) {
      dayJitter = 0.85 + random.next() * 0.3;
      lastDay = day;
    }
    let boost = 0;
    let toneShift = 0;
    const topicWeights = [...TOPIC_WEIGHTS];
    for (const event of events) {
      const b = eventBoost(event, t);
      if (b === 0) continue;
      boost += b;
      toneShift += b * event.tone;
      const index = TOPIC_IDS.indexOf(event.topic);
      topicWeights[index] = topicWeights[index]! * (1 + 8 * b);
    }
    weights.push(HOUR_RHYTHM[local.getUTCHours()]! * WEEKDAY[local.getUTCDay()]! * dayJitter * (1 + boost));
    plans.push({ startMs: t, offsetMs, count: 0, topicWeights, toneShift: toneShift / (1 + boost) });
  }
  // Largest remainders, so the counts add up to exactly the rows asked for.
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * options.rows);
  let assigned = 0;
  plans.forEach((plan, i) => {
    plan.count = Math.floor(exact[i]!);
    assigned += plan.count;
  });
  const byRemainder = exact
    .map((value, i) => ({ i, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (let k = 0; k < options.rows - assigned; k++) plans[byRemainder[k % byRemainder.length]!.i]!.count++;
  return plans;
}

function polarityFor(
  random: SeededRandom,
  kind: AuthorKind,
  topic: SyntheticTopic,
  toneShift: number,
): Polarity {
  const [negative, neutral, positive] = POLARITY_MIX[kind];
  const lean = (TOPIC_LEAN[topic] ?? 0) - toneShift * 0.5;
  const movable = kind === 'resident' || kind === 'business' ? 1 : 0.2;
  const neg = Math.max(0.01, negative + lean * movable);
  const pos = Math.max(0.01, positive - lean * movable);
  const index = random.weighted([neg, neutral, pos]);
  return index === 0 ? 'negative' : index === 1 ? 'neutral' : 'positive';
}

interface Composed {
  text: string;
  polarity: Polarity;
}

function residentText(
  context: PostContext,
  topic: SyntheticTopic,
  polarity: Polarity,
  source: Source,
): Composed {
  const { random } = context;
  const vocabulary = TOPICS[topic];
  const parts: string[] = [];
  if (random.chance(0.3)) parts.push(random.pick(OPENERS[polarity]));
  if (random.chance(0.55)) parts.push(sentence(random.pick(RESIDENT_ASIDES), context));
  if (polarity !== 'neutral' && random.chance(0.12)) {
    // "Fijn dat ..., maar ...": mixed feelings, the part after the link decides.
    if (random.chance(0.6)) parts.push(sentence(random.pick(vocabulary.observations), context));
    const first = sentence(random.pick(vocabulary.opinions[opposite(polarity)]), context);
    const second = sentence(random.pick(vocabulary.opinions[polarity]), context);
    parts.push(
      first.replace(/[.!?]$/, ',') + random.pick(CONTRAST_LINKS).trimEnd() + ' ' + lowerFirst(second),
    );
  } else {
    if (random.chance(0.95)) parts.push(sentence(random.pick(vocabulary.observations), context));
    const own = random.chance(0.7) ? vocabulary.opinions[polarity] : GENERAL_OPINIONS[polarity];
    parts.push(sentence(random.pick(own), context));
    if (random.chance(0.65)) {
      const more = sentence(random.pick(GENERAL_OPINIONS[polarity]), context);
      if (more !== parts[parts.length - 1]) parts.push(more);
    }
  }
  if (random.chance(0.3)) parts.push(sentence(random.pick(CLOSINGS), context));
  const joiner = source === 'forum' && random.chance(0.2) ? '; ' : ' ';
  let text = parts.join(joiner);
  // A tweet has room for 280 characters, with some left for hashtags.
  while (source === 'twitter' && text.length > 250 && parts.length > 2) {
    parts.pop();
    text = parts.join(joiner);
  }
  return { text, polarity };
}

/** Sentences drawn from each list with its chance, joined; a sentence drawn twice in a row is not repeated. */
function sentences(context: PostContext, ...lists: (readonly [readonly string[], number])[]): string {
  const parts: string[] = [];
  for (const [list, chance] of lists) {
    if (chance < 1 && !context.random.chance(chance)) continue;
    const next = sentence(context.random.pick(list), context);
    if (parts[parts.length - 1] !== next) parts.push(next);
  }
  return parts.join(' ');
}

function englishText(context: PostContext, topic: SyntheticTopic, polarity: Polarity): Composed {
  const text = sentences(
    context,
    [TOPICS[topic].english[polarity], 1],
    [ENGLISH_GENERAL[polarity], 0.7],
    [ENGLISH_CLOSINGS, 0.2],
  );
  return { text, polarity };
}

function decorate(
  context: PostContext,
  composed: Composed,
  topic: SyntheticTopic,
  source: Source,
  cp1252: boolean,
): string {
  const { random } = context;
  let text = composed.text;
  const social = source === 'twitter' || source === 'instagram' || source === 'facebook';
  if (social && random.chance(0.28)) {
    const pick = random.int(12);
    const emoji = cp1252 ? EMOTICONS[composed.polarity] : EMOJI[composed.polarity];
    text += ` ${emoji[pick % emoji.length]!}`;
  }
  if ((source === 'twitter' || source === 'instagram') && random.chance(0.5)) {
    const tags = [random.pick(TOPICS[topic].hashtags)];
    if (random.chance(0.5)) tags.push(`#${context.municipality.name.replace(/ /g, '')}`);
    if (random.chance(0.2)) tags.push('#GooiEnVechtstreek');
    text += (source === 'instagram' && random.chance(0.6) ? '\n\n' : ' ') + tags.join(' ');
  }
  return text;
}

function postUrl(
  random: SeededRandom,
  source: Source,
  kind: AuthorKind,
  author: Author,
  text: string,
  atMs: number,
  serial: number,
  outletDomain: string,
): string {
  const local = new Date(atMs);
  const yyyy = local.getUTCFullYear();
  const mm = pad2(local.getUTCMonth() + 1);
  const id = `${Math.floor(atMs / 1000)}${String(serial % 100000).padStart(5, '0')}`;
  switch (source) {
    case 'twitter':
      return `https://twitter.example/${author.handle.replace(/[^A-Za-z0-9_]/g, '')}/status/${id}`;
    case 'facebook':
      return `https://facebook.example/${kind === 'resident' ? 'permalink' : slug(author.display)}/posts/${id}`;
    case 'instagram':
      return `https://instagram.example/p/${serial.toString(36)}${random.int(46656).toString(36).padStart(3, '0')}`;
    case 'nieuws':
      return `https://${outletDomain}/nieuws/${yyyy}/${mm}/${slug(text)}-${serial}`;
    case 'forum':
      // Some forum exports have no permalink: those rows get an id from their content.
      return random.chance(0.2)
        ? ''
        : `https://forum.gooiforum.example/t/${random.pick(FORUM_TOPICS)}/${serial}`;
    case 'blog':
      return `https://${random.pick(BLOGS)}.blog.example/${yyyy}/${mm}/${slug(text)}-${serial}`;
  }
}

/** The rows of the period, one CSV line each, in time order. */
function* exportLines(
  options: SyntheticExportOptions,
  events: readonly SyntheticEvent[],
  random: SeededRandom,
): Generator<string> {
  const cp1252 = options.encoding === 'cp1252';
  const plans = planHours(options, random, events);
  const poolSize = Math.max(200, Math.round(options.rows / 6));
  let serial = 0;
  for (const plan of plans) {
    const seconds: number[] = [];
    for (let i = 0; i < plan.count; i++) seconds.push(random.int(3600));
    seconds.sort((a, b) => a - b);
    for (const second of seconds) {
      serial++;
      const atMs = plan.startMs + second * 1000;
      const kind = AUTHOR_KINDS[random.weighted(AUTHOR_KIND_WEIGHTS)]!;
      const sourcing = SOURCES_BY_KIND[kind];
      const source = sourcing.sources[random.weighted(sourcing.weights)]!;
      const municipality = MUNICIPALITIES[random.weighted(MUNICIPALITY_WEIGHTS)]!;
      const topic = TOPIC_IDS[random.weighted(plan.topicWeights)]!;
      const context: PostContext = { random, municipality };
      const polarity = polarityFor(random, kind, topic, plan.toneShift);
      const english = (kind === 'resident' || kind === 'business') && random.chance(0.05);
      const outlet = random.pick(MEDIA_OUTLETS);

      let author: Author;
      let composed: Composed;
      switch (kind) {
        case 'resident':
          author = resident(random, poolSize, options.seed);
          composed = english
            ? englishText(context, topic, polarity)
            : residentText(context, topic, polarity, source);
          break;
        case 'business': {
          const name = random.pick(BUSINESSES);
          author = { display: name, handle: slug(name).replace(/-/g, '') };
          composed = english
            ? englishText(context, topic, polarity)
            : { text: sentences(context, [BUSINESS_POSTS[polarity], 1], [BUSINESS_EXTRAS, 0.5]), polarity };
          break;
        }
        case 'media': {
          author = { display: outlet.name, handle: slug(outlet.name).replace(/-/g, '') };
          // Headlines report; the tool's label for them is mostly neutral.
          const text = sentences(context, [TOPICS[topic].headlines, 1], [MEDIA_LEADS, 1], [MEDIA_LEADS, 0.7]);
          composed = { text, polarity: 'neutral' };
          break;
        }
        case 'institution': {
          const name = random.chance(0.5)
            ? `Gemeente ${municipality.name}`
            : random.pick(REGIONAL_INSTITUTIONS);
          author = { display: name, handle: slug(name).replace(/-/g, '') };
          const text = sentences(context, [TOPICS[topic].announcements, 1], [INSTITUTION_EXTRAS, 0.6]);
          composed = { text, polarity: 'neutral' };
          break;
        }
      }
      const text = capitalise(decorate(context, composed, topic, source, cp1252));

      const local = new Date(atMs + plan.offsetMs);
      const dateOnly = (source === 'nieuws' || source === 'blog') && random.chance(0.15);
      const date =
        `${local.getUTCDate()}-${local.getUTCMonth() + 1}-${local.getUTCFullYear()}` +
        (dateOnly ? '' : ` ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`);
      const url = postUrl(random, source, kind, author, text, atMs + plan.offsetMs, serial, outlet.domain);
      const authorText = random.chance(0.04) ? '' : authorField(kind, source, author);
      yield `${date};${source};${url};${csvField(authorText)};${csvField(text)};${toolLabel(random, composed.polarity)};${prValue(random, kind)}\r\n`;
    }
  }
}

export async function writeSyntheticObi4wanExport(
  path: string,
  options: SyntheticExportOptions,
): Promise<SyntheticExportResult> {
  if (!Number.isInteger(options.rows) || options.rows < 0)
    throw new RangeError('rows must be a whole number >= 0');
  if (!Number.isInteger(options.days) || options.days < 1)
    throw new RangeError('days must be a whole number >= 1');
  const random = new SeededRandom(options.seed);
  const { firstDayMs } = period(options, TimeZone.of(ZONE));
  const events = options.events ? [...options.events] : drawEvents(random, firstDayMs, options.days);
  const encode = (text: string): Buffer =>
    options.encoding === 'cp1252' ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8');

  const file = await open(path, 'w');
  let bytes = 0;
  let rows = 0;
  try {
    // A UTF-8 export starts with a byte-order mark, as tools that target Excel write it; Windows-1252 has none.
    const header = (options.encoding === 'cp1252' ? '' : '\uFEFF') + OBI4WAN_HEADER + '\r\n';
    let batch: string[] = [header];
    for (const line of exportLines(options, events, random)) {
      batch.push(line);
      rows++;
      if (batch.length >= ROWS_PER_WRITE) {
        const chunk = encode(batch.join(''));
        await file.write(chunk);
        bytes += chunk.length;
        batch = [];
      }
    }
    const chunk = encode(batch.join(''));
    await file.write(chunk);
    bytes += chunk.length;
  } finally {
    await file.close();
  }
  return { rows, bytes, events };
}
