// What the config file's own schema checks of each `sources:` entry: the keys every source has. The keys of each
// kind are checked in sources.schema.ts, so a problem is reported for that kind alone.
import Type, { type Static } from 'typebox';

export const SOURCE_KINDS = [
  'mastodon',
  'bluesky',
  'reddit',
  'rss',
  'x',
  'push',
  // Measure watchers: official publications (services/measures/watchers).
  'sru',
  'cvdr',
  'rijksoverheid',
  // A watched folder of exports, handed to the import queue (services/ingest/export-folder.service.ts).
  'export-folder',
] as const;
export type ConfiguredKind = (typeof SOURCE_KINDS)[number];

export const SourceId = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
  description: 'lowercase letters, digits, - and _',
});

export const SourceEntrySchema = Type.Object(
  {
    id: SourceId,
    kind: Type.Union(SOURCE_KINDS.map((kind) => Type.Literal(kind))),
  },
  { additionalProperties: true },
);

export type SourceEntry = Static<typeof SourceEntrySchema>;
