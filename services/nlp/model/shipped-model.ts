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
