// The three sentiment classes in the order every model stores them.
import type { Polarity } from '../sentiment.evaluation.js';

export const SENTIMENT_CLASSES: readonly Polarity[] = ['negative', 'neutral', 'positive'];
export const CLASS_COUNT = 3;
export const NEGATIVE = 0;
export const NEUTRAL = 1;
export const POSITIVE = 2;

export function classIndex(label: Polarity): number {
  return label === 'negative' ? NEGATIVE : label === 'neutral' ? NEUTRAL : POSITIVE;
}
