// The shipped default Dutch model: assets/model/default-nl.model.bin (see README.md for what it was trained on).
// Read once per process; a build without the file scores Dutch with the lexicon alone.
import { readFileSync } from 'node:fs';
import { findAsset } from '../../assets.js';
import { decodeLinearModel, type LinearSentimentModel } from './linear.model.js';

export const SHIPPED_MODEL_FILE = 'default-nl.model.bin';

let loaded: { model: LinearSentimentModel | null } | null = null;

export function shippedModelPath(): string | null {
  return findAsset(`model/${SHIPPED_MODEL_FILE}`);
}

/** The shipped default model, or null when the build has none. */
export function shippedDutchModel(): LinearSentimentModel | null {
  if (loaded !== null) return loaded.model;
  const file = shippedModelPath();
  loaded = { model: file === null ? null : decodeLinearModel(readFileSync(file)) };
  return loaded.model;
}

/**
 * The Dutch scorer a deployment uses until it chooses another: the shipped model when this build has one made
 * over its lexicon (see README.md for why it is the default), else null (the lexicon alone).
 */
export function defaultDutchModel(lexiconVersion: string): LinearSentimentModel | null {
  const shipped = shippedDutchModel();
  return shipped !== null && shipped.lexiconVersion === lexiconVersion ? shipped : null;
}
