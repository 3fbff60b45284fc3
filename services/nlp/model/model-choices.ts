// The names of the Dutch scorer choices and the training defaults, apart from the service that trains, so the CLI
// can name them without importing the scorer's tables (services/nlp/nlp.module.ts builds those on first use).
import type { ModelSettings } from './sentiment-model.training.js';

export const MODEL_LANGUAGE = 'nl';
/** `model activate shipped`: the model this build ships. */
export const SHIPPED = 'shipped';
/** `model activate lexicon`: the lexicon alone (stored as a choice without weights, so every process follows). */
export const LEXICON = 'lexicon';

export interface TrainOptions {
  folds: number;
  /** The model is activated only when its macro-F1 beats every baseline's by at least this. */
  minGain: number;
  /** An analyst's correction counts this many times a tool's label. */
  correctionWeight: number;
  /** At most this many labelled mentions (oldest first). */
  maxRows: number;
  /** Fewer labelled mentions than this are not enough to judge a model. */
  minRows: number;
  settings?: ModelSettings;
  onProgress?: (message: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  folds: 5,
  minGain: 0.005,
  correctionWeight: 3,
  maxRows: 200_000,
  minRows: 50,
};
