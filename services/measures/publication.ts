// An official publication as a watcher hands it over (a Gemeenteblad or Staatscourant record, a CVDR regulation,
// a Rijksoverheid news item, a Veiligheidsregio's feed item), and the decision whether it is a measure: which
// topics and direction it has, and which level, place and dates.
import crypto from 'node:crypto';
import { localDate } from '../time/zoned-time.js';
import type { Classification, MeasureClassifier } from './measure.classifier.js';
import { normaliseTopics, type MeasureFields, type MeasureLevel } from './measure.js';

export interface Publication {
  /** Stable at its source: an SRU identifier, a CVDR work id (without its _N version), a feed item's guid. */
  externalId: string;
  title: string;
  /** Abstract, introduction or text; may be empty. */
  text: string;
  url: string | null;
  /** The day it was published (YYYY-MM-DD), when the source gives a day. */
  publishedOn: string | null;
  /** When it was published, when the source gives a time (a feed's pubDate); its day is taken in the time zone. */
  publishedAt: Date | null;
  /** The expression number of a versioned work (CVDR 112779_2 is revision 2); an older one never replaces a newer. */
  revision: number | null;
  /** The days it says it takes effect and ends, when it says so (CVDR does). */
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  /** Who issued it: a municipality, a ministry, a Veiligheidsregio. */
  creator: string | null;
  /** The level the publication itself indicates (an organisation type), when it does. */
  level: MeasureLevel | null;
  /** Seen in the first pass over a source: stored in the timeline without an alert. */
  backfill: boolean;
}

/** A watcher's own settings from its `sources:` entry. */
export interface WatcherSource {
  id: string;
  kind: string;
  level?: MeasureLevel;
  region?: string;
  municipality?: string;
  /** Words of which one must occur (in title or text) for a publication to be a measure. */
  match?: string[];
}

export type PublicationDecision =
  | { measure: true; fields: MeasureFields; classification: Classification; hash: string }
  | { measure: false; reason: string };

const DEFAULT_LEVEL: Record<string, MeasureLevel> = {
  sru: 'national',
  cvdr: 'municipal',
  rijksoverheid: 'national',
  rss: 'regional',
};

const MAX_SUMMARY = 600;

/** What the publication says, hashed: the same publication seen again is no change. */
export function publicationHash(publication: Publication): string {
  const { backfill: _backfill, ...content } = publication;
  const digest = crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex');
  // The revision leads, so a stored hash also tells which revision it came from.
  return publication.revision === null ? digest : `r${publication.revision}:${digest}`;
}

/** The revision a stored publication hash came from; null when the source has no revisions. */
export function hashRevision(hash: string | null): number | null {
  const match = /^r(\d+):/.exec(hash ?? '');
  return match ? Number(match[1]) : null;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function summary(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  return flat.length <= MAX_SUMMARY ? flat : `${flat.slice(0, MAX_SUMMARY - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * A publication is a measure when one of the source's `match` words occurs in it, or, for a source without match
 * words (an SRU query already selects), when it is about a topic of the taxonomy.
 */
export function decidePublication(
  publication: Publication,
  source: WatcherSource,
  classifier: MeasureClassifier,
  localDay: (ms: number) => string,
  today: () => string,
): PublicationDecision {
  const classification = classifier.classify(publication.title, publication.text);
  const match = source.match ?? [];
  if (match.length > 0) {
    const haystack = fold(`${publication.title}\n${publication.text}`);
    if (!match.some((word) => haystack.includes(fold(word)))) {
      return { measure: false, reason: `none of the match words (${match.join(', ')}) occurs` };
    }
  } else if (classification.topics.length === 0) {
    return { measure: false, reason: 'about none of the topics of the taxonomy' };
  }
  const level = source.level ?? publication.level ?? DEFAULT_LEVEL[source.kind] ?? 'national';
  const publishedOn =
    publication.publishedOn ??
    (publication.publishedAt === null ? null : localDay(publication.publishedAt.getTime()));
  const effectiveFrom = publication.effectiveFrom ?? publishedOn ?? today();
  const until =
    publication.effectiveUntil !== null && publication.effectiveUntil >= effectiveFrom
      ? publication.effectiveUntil
      : null;
  const cues = [...classification.cues.tightening, ...classification.cues.relaxation];
  const fields: MeasureFields = {
    level,
    region: level === 'regional' ? (source.region ?? publication.creator) : (source.region ?? null),
    municipality: level === 'municipal' ? (source.municipality ?? publication.creator) : null,
    title: publication.title.trim(),
    summary: summary(publication.text),
    announcedOn: publishedOn,
    effectiveFrom,
    effectiveUntil: until,
    topics: normaliseTopics(classification.topics),
    direction: classification.direction,
    sourceUrl: publication.url,
    sources: [],
    verified: true,
    note: `Gevonden door bron ${source.id}; onderwerpen en richting automatisch bepaald${cues.length > 0 ? ` (signaalwoorden: ${cues.slice(0, 8).join(', ')})` : ' (geen signaalwoorden: gemengd)'}.`,
  };
  return { measure: true, fields, classification, hash: publicationHash(publication) };
}

/** Today's date in the time zone, for publications that state no date at all. */
export function todayIn(timeZone: string, now: () => Date): () => string {
  return () => localDate(now().getTime(), timeZone);
}
