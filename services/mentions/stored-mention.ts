// A stored mention as an analyst reads it (author pseudonymised unless a public account). Defined here, in the
// domain; the mentions repository reads it.
export interface StoredMention {
  id: string;
  sourceId: string;
  sourceKind: string;
  externalId: string;
  url: string | null;
  platform: string | null;
  author: string | null;
  authorKind: string;
  postedAt: Date;
  language: string;
  title: string | null;
  text: string | null;
  reach: number | null;
  engagement: number | null;
  sentiment: { score: number; label: string; confidence: number; model: string };
  toolSentiment: string | null;
  topics: string[];
}
