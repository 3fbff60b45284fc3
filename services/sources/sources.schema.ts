// The keys of each kind of source in the `sources:` list. The config file's schema checks only the keys every
// source has (source-entry.schema.ts); each entry is checked here against its own kind, so a problem is reported
// for that kind alone (a union schema would report every other kind's keys as missing too).
import fs from 'node:fs';
import path from 'node:path';
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { describeSchemaErrors } from '../config/schema-errors.js';
import { DURATION_PATTERN, parseDuration } from '../config/duration.js';
import { PRESET_CHOICES } from '../importers/export-presets.js';
import { FAILED_DIR, PROCESSED_DIR } from '../ingest/folder-files.js';
import { SOURCE_KINDS, SourceId, type ConfiguredKind } from './source-entry.schema.js';

export { SOURCE_KINDS, type ConfiguredKind };
export type PolledKind = Exclude<ConfiguredKind, 'push' | 'export-folder'>;

const Id = SourceId;
const Duration = (fallback: string) => Type.String({ pattern: DURATION_PATTERN, default: fallback });
const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';
const URL_PATTERN = '^https?://[^\\s]+$';
const EnvName = Type.String({
  pattern: ENV_NAME_PATTERN,
  description: 'the name of an environment variable that holds the secret, not the secret itself',
});
const EnvNameOr = (fallback: string) => Type.String({ pattern: ENV_NAME_PATTERN, default: fallback });
const HttpUrl = Type.String({ pattern: URL_PATTERN });

const Common = {
  id: Id,
  enabled: Type.Boolean({ default: true }),
};
const Polled = {
  ...Common,
  every: Duration('60s'),
  /** Per request: a server that has not answered in full by then fails the poll. */
  timeout: Duration('15s'),
  /** Largest response body accepted, in bytes. */
  max_bytes: Type.Integer({ minimum: 1_024, maximum: 100_000_000, default: 5_000_000 }),
  /** Pages fetched in one poll at most; the next poll goes on where this one stopped. */
  max_pages: Type.Integer({ minimum: 1, maximum: 1_000, default: 20 }),
};
// Feeds of posts: how far back a newly added source (or hashtag, subreddit) reads on its first polls, and how
// many pages that walk may take in all. `0` reads only the newest page, as before backfill existed.
const DEFAULT_BACKFILL = '24h';
const DEFAULT_BACKFILL_PAGES = 100;
const Backfill = {
  backfill: Type.Optional(
    Type.Union([Type.Literal(0), Type.Literal('0'), Type.String({ pattern: DURATION_PATTERN })], {
      default: DEFAULT_BACKFILL,
    }),
  ),
  backfill_pages: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10_000, default: DEFAULT_BACKFILL_PAGES }),
  ),
};

const MastodonSource = Type.Object(
  {
    ...Polled,
    ...Backfill,
    kind: Type.Literal('mastodon'),
    instance: HttpUrl,
    hashtags: Type.Array(Type.String({ pattern: '^[^#\\s/?]+$' }), { default: [] }),
    accounts: Type.Array(Type.String({ pattern: '^[0-9]+$' }), { default: [] }),
    token: Type.Optional(EnvName),
  },
  { additionalProperties: false },
);

const BlueskySource = Type.Object(
  {
    ...Polled,
    ...Backfill,
    kind: Type.Literal('bluesky'),
    service: Type.String({ pattern: URL_PATTERN, default: 'https://bsky.social' }),
    query: Type.String({ minLength: 1 }),
    lang: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
    handle_env: EnvNameOr('BLUESKY_HANDLE'),
    password_env: EnvNameOr('BLUESKY_APP_PASSWORD'),
    /** Search is indexed late now and then: each poll looks back this far past the newest post it saw. */
    overlap: Duration('30s'),
  },
  { additionalProperties: false },
);

const RedditSource = Type.Object(
  {
    ...Polled,
    ...Backfill,
    kind: Type.Literal('reddit'),
    subreddits: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_]{2,21}$' }), { minItems: 1 }),
    query: Type.String({ minLength: 1 }),
    client_id_env: EnvNameOr('REDDIT_CLIENT_ID'),
    client_secret_env: EnvNameOr('REDDIT_CLIENT_SECRET'),
    /** Where listings are read; defaults to oauth.reddit.com with credentials, www.reddit.com without. */
    base_url: Type.Optional(HttpUrl),
    token_url: Type.String({ pattern: URL_PATTERN, default: 'https://www.reddit.com' }),
    /** Reddit asks for <platform>:<app id>:<version> (by /u/<username>). */
    username: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{3,20}$' })),
  },
  { additionalProperties: false },
);

// Keys of a measure watcher: which level, region or municipality its measures have when the publication does not
// say, and words of which one must occur for a publication to be a measure (services/measures/publication.ts).
const MEASURE_MATCH = [
  'maatregel',
  'noodverordening',
  'noodbevel',
  'verordening',
  'regeling',
  'versoepel',
  'aanscherp',
  'verbod',
  'verplicht',
];
const Watcher = {
  level: Type.Optional(
    Type.Union([Type.Literal('national'), Type.Literal('regional'), Type.Literal('municipal')]),
  ),
  region: Type.Optional(Type.String({ minLength: 1 })),
  municipality: Type.Optional(Type.String({ minLength: 1 })),
};
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const WatcherPass = {
  /** The first pass reads publications modified since this day (default: lookback_days before the first poll). */
  since: Type.Optional(Type.String({ pattern: DATE_PATTERN })),
  lookback_days: Type.Integer({ minimum: 0, maximum: 3_650, default: 30 }),
};

const RssSource = Type.Object(
  {
    ...Polled,
    ...Backfill,
    kind: Type.Literal('rss'),
    url: HttpUrl,
    /** The feed publishes measures (a Veiligheidsregio's site): its items become measure changes, not mentions. */
    measures: Type.Boolean({ default: false }),
    ...Watcher,
    match: Type.Array(Type.String({ minLength: 2 }), { default: MEASURE_MATCH }),
  },
  { additionalProperties: false },
);

const SruSource = Type.Object(
  {
    ...Polled,
    every: Duration('15m'),
    kind: Type.Literal('sru'),
    url: Type.String({ pattern: URL_PATTERN, default: 'https://repository.overheid.nl/sru' }),
    /** CQL, for example c.product-area==officielepublicaties and dt.title any "noodverordening". */
    query: Type.String({ minLength: 1, maxLength: 4096 }),
    date_index: Type.String({ default: 'dt.modified', pattern: '^[A-Za-z0-9._-]*$' }),
    version: Type.String({ default: '2.0', pattern: '^[0-9.]+$' }),
    connection: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]+$' })),
    page_size: Type.Integer({ minimum: 1, maximum: 1_000, default: 50 }),
    ...WatcherPass,
    ...Watcher,
    match: Type.Array(Type.String({ minLength: 2 }), { default: [] }),
  },
  { additionalProperties: false },
);

const CvdrSource = Type.Object(
  {
    ...Polled,
    every: Duration('1h'),
    kind: Type.Literal('cvdr'),
    url: Type.String({ pattern: URL_PATTERN, default: 'https://zoekservice.overheid.nl/sru/Search' }),
    query: Type.String({ minLength: 1, maxLength: 4096 }),
    /** Empty: every pass reads all results again (unchanged regulations cost nothing but the request). */
    date_index: Type.String({ default: '', pattern: '^[A-Za-z0-9._-]*$' }),
    version: Type.String({ default: '1.2', pattern: '^[0-9.]+$' }),
    connection: Type.String({ default: 'cvdr', pattern: '^[A-Za-z0-9._-]+$' }),
    page_size: Type.Integer({ minimum: 1, maximum: 1_000, default: 50 }),
    ...WatcherPass,
    ...Watcher,
    match: Type.Array(Type.String({ minLength: 2 }), { default: [] }),
  },
  { additionalProperties: false },
);

const RijksoverheidSource = Type.Object(
  {
    ...Polled,
    every: Duration('15m'),
    kind: Type.Literal('rijksoverheid'),
    url: Type.String({ pattern: URL_PATTERN, default: 'https://opendata.rijksoverheid.nl/v1' }),
    /** The subject's slug, as in rijksoverheid.nl/onderwerpen/<slug>: coronavirus-covid-19. */
    subject: Type.String({ pattern: '^[a-z0-9-]+$' }),
    page_size: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
    ...WatcherPass,
    ...Watcher,
    match: Type.Array(Type.String({ minLength: 2 }), { default: MEASURE_MATCH }),
  },
  { additionalProperties: false },
);

const XSource = Type.Object(
  {
    ...Polled,
    ...Backfill,
    kind: Type.Literal('x'),
    query: Type.String({ minLength: 1, maxLength: 4096 }),
    bearer_token_env: EnvNameOr('X_BEARER_TOKEN'),
    base_url: Type.String({ pattern: URL_PATTERN, default: 'https://api.x.com' }),
  },
  { additionalProperties: false },
);

const PushSource = Type.Object({ ...Common, kind: Type.Literal('push') }, { additionalProperties: false });

// A folder to which a listening tool (or an SFTP drop) delivers exports: each complete file is imported once.
const ExportFolderSource = Type.Object(
  {
    ...Common,
    kind: Type.Literal('export-folder'),
    /** The folder watched (absolute, or relative to the working directory); processed/ and failed/ go inside it. */
    path: Type.String({ minLength: 1 }),
    preset: Type.Union(
      PRESET_CHOICES.map((choice) => Type.Literal(choice)),
      { default: 'auto' },
    ),
    /** A file is complete once its size and mtime stayed the same this long (or a `<name>.done` marker exists). */
    settle: Duration('30s'),
    /** How often the folder is listed. */
    every: Duration('10s'),
  },
  { additionalProperties: false },
);

const SCHEMAS: Record<ConfiguredKind, TSchema> = {
  mastodon: MastodonSource,
  bluesky: BlueskySource,
  reddit: RedditSource,
  rss: RssSource,
  x: XSource,
  push: PushSource,
  sru: SruSource,
  cvdr: CvdrSource,
  rijksoverheid: RijksoverheidSource,
  'export-folder': ExportFolderSource,
};

export type MastodonSourceConfig = Static<typeof MastodonSource>;
export type BlueskySourceConfig = Static<typeof BlueskySource>;
export type RedditSourceConfig = Static<typeof RedditSource>;
export type RssSourceConfig = Static<typeof RssSource>;
export type XSourceConfig = Static<typeof XSource>;
export type PushSourceConfig = Static<typeof PushSource>;
export type ExportFolderSourceConfig = Static<typeof ExportFolderSource>;
export type SruSourceConfig = Static<typeof SruSource>;
export type CvdrSourceConfig = Static<typeof CvdrSource>;
export type RijksoverheidSourceConfig = Static<typeof RijksoverheidSource>;
export type PolledSourceConfig =
  | MastodonSourceConfig
  | BlueskySourceConfig
  | RedditSourceConfig
  | RssSourceConfig
  | XSourceConfig
  | SruSourceConfig
  | CvdrSourceConfig
  | RijksoverheidSourceConfig;
export type SourceConfig = PolledSourceConfig | PushSourceConfig | ExportFolderSourceConfig;

export function isPolled(source: SourceConfig): source is PolledSourceConfig {
  return source.kind !== 'push' && source.kind !== 'export-folder';
}

export function isExportFolder(source: SourceConfig): source is ExportFolderSourceConfig {
  return source.kind === 'export-folder';
}

/**
 * A watched folder must exist and be writable, and its processed/ and failed/ must be folders or creatable: handled
 * files move into them. Permission bits do not stop root (nor say anything of a read-only mount), so writing is
 * checked by doing it: a hidden folder is made and removed again (hidden names are never exports).
 */
export function exportFolderProblem(folder: string): string | null {
  const resolved = path.resolve(folder);
  const user = `user ${process.getuid?.() ?? '?'}`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    return `path ${resolved} does not exist: create the folder or correct the path`;
  }
  if (!stat.isDirectory()) return `path ${resolved} is not a folder`;
  try {
    fs.accessSync(resolved, fs.constants.W_OK | fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    return `path ${resolved} is not readable and writable by this process (${user})`;
  }
  for (const name of [PROCESSED_DIR, FAILED_DIR]) {
    const inside = path.join(resolved, name);
    let kind: fs.Stats | null = null;
    try {
      kind = fs.lstatSync(inside);
    } catch {
      // Not there yet: made by the first move, if the folder can be written (checked below).
    }
    if (kind !== null && !kind.isDirectory()) {
      return `path ${inside} is not a folder: handled exports are moved into it; remove or rename it`;
    }
  }
  try {
    fs.rmdirSync(fs.mkdtempSync(path.join(resolved, '.onderstroom-write-check-')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return `path ${resolved} cannot be written by this process (${user}, ${code}): handled exports are moved inside it`;
  }
  return null;
}

function where(index: number, entry: Record<string, unknown>): string {
  const id = typeof entry.id === 'string' ? ` "${entry.id}"` : '';
  return `sources[${index}]${id}`;
}

/** Checks each entry against its kind and fills defaults; every problem is listed, none stops the others. */
export function parseSources(entries: readonly unknown[]): { sources: SourceConfig[]; problems: string[] } {
  const sources: SourceConfig[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  entries.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`sources[${index}]: must be a mapping with id, kind and the keys of its kind`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const kind = entry.kind as ConfiguredKind;
    const schema = SCHEMAS[kind];
    if (schema === undefined) {
      problems.push(`${where(index, entry)}: kind must be one of ${SOURCE_KINDS.join(', ')}`);
      return;
    }
    if (typeof entry.id === 'string') {
      const earlier = seen.get(entry.id);
      if (earlier !== undefined) {
        problems.push(`${where(index, entry)}: the id is already used by sources[${earlier}]`);
        return;
      }
      seen.set(entry.id, index);
    }
    const value = Value.Default(schema, Value.Clone(entry)) as SourceConfig;
    const errors = describeSchemaErrors([...Value.Errors(schema, value)] as Parameters<
      typeof describeSchemaErrors
    >[0]);
    for (const error of errors) {
      const key = error.path.length > 0 ? `.${error.path.join('.')}` : '';
      problems.push(`${where(index, entry)} (${kind})${key}: ${friendly(error.message)}`);
    }
    if (errors.length > 0) return;
    problems.push(...kindProblems(value).map((problem) => `${where(index, entry)} (${kind}): ${problem}`));
    sources.push(value);
  });
  return { sources, problems };
}

// Patterns say little to a person; these say what is expected.
const PATTERN_MEANING: [string, string][] = [
  [DURATION_PATTERN, 'must be a duration such as 500ms, 30s, 5m or 1h'],
  [
    ENV_NAME_PATTERN,
    'must name the environment variable (A-Z, 0-9, _) that holds the secret, not the secret',
  ],
  [URL_PATTERN, 'must be an http:// or https:// URL'],
];

function friendly(message: string): string {
  const meaning = PATTERN_MEANING.find(([pattern]) => message.includes(pattern));
  return meaning ? meaning[1] : message;
}

function kindProblems(source: SourceConfig): string[] {
  const problems: string[] = [];
  if (source.kind === 'mastodon' && source.hashtags.length + source.accounts.length === 0) {
    problems.push('give at least one of hashtags or accounts');
  }
  if (isExportFolder(source)) {
    const problem = source.enabled ? exportFolderProblem(source.path) : null;
    if (problem !== null) problems.push(problem);
    if (parseDuration(source.every) < 200) problems.push(`every must be at least 200ms, got ${source.every}`);
  }
  if (isPolled(source)) {
    const every = parseDuration(source.every);
    if (every < 200) problems.push(`every must be at least 200ms, got ${source.every}`);
    if (parseDuration(source.timeout) < 100) problems.push(`timeout must be at least 100ms`);
  }
  return problems;
}

/** How far back a first poll reads, in milliseconds (0: the newest page only); watchers have their own lookback. */
export function backfillMs(source: PolledSourceConfig): number {
  if (!BACKFILLED.has(source.kind) || ('measures' in source && source.measures)) return 0;
  const value = 'backfill' in source ? (source.backfill ?? DEFAULT_BACKFILL) : DEFAULT_BACKFILL;
  return value === 0 || value === '0' ? 0 : parseDuration(value);
}

/** The most pages the backfill walk of one feed (timeline, subreddit, search) may take, over all its polls. */
export function backfillPages(source: PolledSourceConfig): number {
  return ('backfill_pages' in source ? source.backfill_pages : undefined) ?? DEFAULT_BACKFILL_PAGES;
}

const BACKFILLED = new Set<string>(['mastodon', 'bluesky', 'reddit', 'rss', 'x']);

/** Milliseconds of the source's schedule, request timeout and lease. */
export function timings(source: PolledSourceConfig): { everyMs: number; timeoutMs: number; leaseMs: number } {
  const timeoutMs = parseDuration(source.timeout);
  // A lease outlives one request plus storing its page; it is renewed between pages and expires when a worker dies.
  return { everyMs: parseDuration(source.every), timeoutMs, leaseMs: 2 * timeoutMs + 10_000 };
}
