// The shipped default Dutch model: a file beside this source (see README.md for what it was trained on).
// Read once per process; a build without the file scores Dutch with the lexicon alone.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeLinearModel, type LinearSentimentModel } from './linear.model.js';

export const SHIPPED_MODEL_FILE = 'default-nl.model.bin';
// Compiled code runs from dist/services/nlp/model, three levels deeper than the source folder.
const CANDIDATES = [`./${SHIPPED_MODEL_FILE}`, `../../../../services/nlp/model/${SHIPPED_MODEL_FILE}`];

let loaded: { model: LinearSentimentModel | null } | null = null;

export function shippedModelPath(): string | null {
  for (const candidate of CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
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
