// The shape every source hands to the ingest pipeline: importers, pollers and the push API all produce it.
// Nothing here is enriched or pseudonymised yet; the pipeline does both before anything is stored.

export type SourceKind =
  | 'obi4wan'
  | 'coosto'
  | 'brandwatch'
  | 'meltwater'
  | 'talkwalker'
  | 'mastodon'
  | 'bluesky'
  | 'reddit'
  | 'rss'
  | 'x'
  | 'push';

export type ToolSentiment = 'positive' | 'negative' | 'neutral';

export interface RawMention {
  /** Stable id within its source: the post id, or the URL for listening-tool exports. */
  externalId: string;
  url: string | null;
  postedAt: Date;
  /** Display name or handle as the source gives it; pseudonymised before storage unless a listed institution. */
  author: string | null;
  /** The platform the item was seen on, as the source names it (twitter, facebook, nieuws, forum, ...). */
  platform: string | null;
  title: string | null;
  text: string;
  /** ISO 639-1 code when the source states it, else null (the pipeline detects it). */
  language: string | null;
  reach: number | null;
  engagement: number | null;
  /** The listening tool's own sentiment label, kept beside ours as labelled data. */
  toolSentiment: ToolSentiment | null;
  country: string | null;
}
