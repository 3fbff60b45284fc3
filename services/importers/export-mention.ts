// Turns the values a preset read from one row into a RawMention, with the external id every preset uses: the URL,
// or for a row without one a hash of its content, so the same row imported again gets the same id.
import { createHash } from 'node:crypto';

import type { RawMention, ToolSentiment } from '../ingest/raw-mention.js';
import { isWebAddress } from './export-cell.js';

export interface MentionValues {
  postedAt: number;
  url: string | null;
  author: string | null;
  platform: string | null;
  title: string | null;
  text: string;
  language: string | null;
  reach: number | null;
  engagement: number | null;
  toolSentiment: ToolSentiment | null;
  country: string | null;
}

/** The id of a row without a URL: its instant, author and text, which together tell posts apart. */
export function contentId(postedAt: Date, author: string | null, text: string): string {
  const digest = createHash('sha256')
    .update(`${postedAt.toISOString()}\n${author ?? ''}\n${text}`)
    .digest('hex');
  return `sha256:${digest.slice(0, 32)}`;
}

export function exportMention(values: MentionValues): RawMention {
  const postedAt = new Date(values.postedAt);
  const url = values.url !== null && isWebAddress(values.url) ? values.url : null;
  return {
    externalId: url ?? contentId(postedAt, values.author, values.text),
    url,
    postedAt,
    author: values.author,
    platform: values.platform,
    title: values.title,
    text: values.text,
    language: values.language,
    reach: values.reach,
    engagement: values.engagement,
    toolSentiment: values.toolSentiment,
    country: values.country,
  };
}
