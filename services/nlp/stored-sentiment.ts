// Sentiment as a mention stores it, and what analysts' corrections, rescoring and model training read and write of
// it. Defined here, in the domain; the mention sentiment repository stores and reads them.
import type { SentimentLabel } from './sentiment-label.js';

export interface StoredSentiment {
  score: number;
  label: SentimentLabel;
  confidence: number;
  model: string;
}

export interface CorrectionResult {
  id: string;
  postedAt: Date;
  previous: StoredSentiment;
  sentiment: StoredSentiment;
  correctedAt: Date;
  correctedBy: string;
}

/** A mention as the rescorer reads it. */
export interface RescoreRow {
  id: string;
  postedAt: Date;
  language: string;
  title: string | null;
  text: string | null;
  sentiment: StoredSentiment;
}

export interface RescoreBatchResult {
  /** Rows read in this batch. */
  read: number;
  scored: number;
  changed: number;
  labelChanged: number;
  skippedWithoutText: number;
  keptCorrections: number;
  /** Rows not scored by a Dutch scorer (English, other languages): left as they are. */
  keptOtherScorers: number;
  /** Where the next batch starts, or null when this was the last one. */
  next: { postedAt: Date; id: string } | null;
}

/** The new sentiment of a row, or null to leave it as it is. */
export type Rescorer = (row: RescoreRow) => StoredSentiment | null;

export interface TrainingMention {
  id: string;
  text: string;
  label: SentimentLabel;
  origin: 'analyst' | 'tool';
}
