// Reads the YAML file once at start-up and lists every problem with its line, so a user fixes them in one go.
import fs from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import Value from 'typebox/value';
import { ConfigError } from './config-error.js';
import { ConfigSchema, type Config } from './config.schema.js';
import { alertsProblems } from './alerts.schema.js';
import { parseSources } from '../sources/sources.schema.js';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when defaults were used. */
  file: string | null;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function displayPath(parts: string[]): string {
  if (parts.length === 0) return '(top level)';
  return parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** Turns TypeBox's errors into one sentence per place, merging the alternatives of a union. */
export function describeSchemaErrors(errors: SchemaError[]): { path: string[]; message: string }[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    if (error.keyword === 'boolean') continue; // duplicate of the additionalProperties error
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const out: { path: string[]; message: string }[] = [];
  for (const [pointer, list] of byPath) {
    const path = pointerToPath(pointer);
    const constants = list
      .filter((e) => e.keyword === 'const')
      .map((e) => JSON.stringify(e.params.allowedValue));
    const extra = list.find((e) => e.keyword === 'additionalProperties');
    const required = list.filter((e) => e.keyword === 'required');
    if (extra) {
      const keys = (extra.params.additionalProperties as string[] | undefined) ?? [];
      out.push({
        path,
        message: `unknown key${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k}"`).join(', ')}`,
      });
    }
    for (const error of required) {
      const missing = (error.params.requiredProperties as string[] | undefined) ?? [];
      out.push({ path, message: `missing required key ${missing.map((k) => `"${k}"`).join(', ')}` });
    }
    if (constants.length > 0) {
      out.push({ path, message: `must be one of ${constants.join(', ')}` });
      continue;
    }
    for (const error of list) {
      if (['additionalProperties', 'required', 'anyOf', 'const'].includes(error.keyword)) continue;
      out.push({ path, message: error.message });
    }
  }
  return out;
}

export function parseConfig(yamlText: string, origin: string): Config {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      origin,
      document.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return `line ${at.line}: ${error.message.split('\n')[0]}`;
      }),
    );
  }
  const raw: unknown = document.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(origin, [
      'the file must hold a mapping of sections (timezone, privacy, topics, ...)',
    ]);
  }
  // A section left empty (`topics:` with only comments under it) means "defaults", not an error.
  const sections = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
  const withDefaults = Value.Default(ConfigSchema, sections);
  const problems = describeSchemaErrors([...Value.Errors(ConfigSchema, withDefaults)] as SchemaError[]).map(
    ({ path, message }) => {
      const node = document.getIn(path, true);
      const line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : null;
      return `${line === null ? '' : `line ${line}: `}${displayPath(path)}: ${message}`;
    },
  );
  const config = withDefaults as Config;
  problems.push(...semanticProblems(config));
  if (problems.length > 0) throw new ConfigError(origin, problems);
  return config;
}

function semanticProblems(config: Config): string[] {
  const problems: string[] = [...alertsProblems(config.alerts), ...parseSources(config.sources).problems];
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.timezone });
  } catch {
    problems.push(`timezone: "${config.timezone}" is not an IANA time zone (for example Europe/Amsterdam)`);
  }
  return problems;
}

/** A missing default file means "use defaults"; a missing file the user named is an error. */
export function loadConfig(path: string, explicit: boolean): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) {
      return { config: parseConfig('{}', 'defaults'), file: null };
    }
    throw new ConfigError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  return { config: parseConfig(text, path), file: path };
}
