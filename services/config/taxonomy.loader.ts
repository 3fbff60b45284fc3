// The topic taxonomy a configuration names (topics.file, relative to the config file), or the shipped one.
import fs from 'node:fs';
import path from 'node:path';
import { defaultTaxonomy, parseTaxonomy, type Taxonomy } from '../nlp/taxonomy.js';
import type { Config } from './config.schema.js';

export function loadTaxonomy(config: Config, configFile: string | null): Taxonomy {
  if (config.topics.file === undefined) return defaultTaxonomy();
  const file = path.resolve(configFile ? path.dirname(configFile) : process.cwd(), config.topics.file);
  return parseTaxonomy(fs.readFileSync(file, 'utf8'), file);
}
