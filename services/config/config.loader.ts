// Reads the YAML file once at start-up and lists every problem with its line, so a user fixes them in one go.
import fs from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import Value from 'typebox/value';
import { ConfigError } from './config-error.js';
import { ConfigSchema, type Config } from './config.schema.js';
import { alertsProblems, withQuestionRuleDefaults } from './alerts.schema.js';
import { parseSources } from '../sources/sources.schema.js';
import { describeSchemaErrors, type SchemaError } from './schema-errors.js';
import { TimeZone } from '../time/zoned-time.js';
import { reportsProblems } from '../reports/delivery/reports-config.schema.js';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when defaults were used. */
  file: string | null;
}

function displayPath(parts: string[]): string {
  if (parts.length === 0) return '(top level)';
  return parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
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
  const sections = withQuestionRuleDefaults(
    Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null)),
  );
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
  const problems: string[] = [
    ...alertsProblems(config.alerts),
    ...parseSources(config.sources).problems,
    ...reportsProblems(
      config.reports,
      new Set(config.alerts.channels.map((channel) => channel.id)),
      new Set(
        config.alerts.channels.filter((channel) => channel.kind === 'email').map((channel) => channel.id),
      ),
    ),
  ];
  try {
    TimeZone.of(config.timezone);
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
