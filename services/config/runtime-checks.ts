// What a valid configuration would still fail on at run time: an enabled source whose credentials are not set,
// a feed at a placeholder address, an alert channel whose secret is missing. `config check` lists these.
import { buildChannels } from '../alerts/channels/channel-registry.js';
import { parseSources } from '../sources/sources.schema.js';
import type { Config } from './config.schema.js';

/** The environment variables a source kind cannot poll without (optional credentials are not listed). */
const REQUIRED_SECRETS: Record<string, string[]> = {
  bluesky: ['handle_env', 'password_env'],
  x: ['bearer_token_env'],
};

// Reserved example domains (RFC 2606) and the Dutch one the example file uses.
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org|nl)|example|invalid|test|localhost)$/i;

export function runtimeProblems(config: Config, secret: (name: string) => string | null): string[] {
  const problems: string[] = [];
  parseSources(config.sources).sources.forEach((source) => {
    const fields = source as unknown as Record<string, unknown>;
    if (fields['enabled'] === false) return;
    const at = `sources: ${source.id} (${source.kind})`;
    for (const key of REQUIRED_SECRETS[source.kind] ?? []) {
      const name = fields[key];
      if (typeof name === 'string' && secret(name) === null) {
        problems.push(`${at}: ${name} is not set, so every poll will fail`);
      }
    }
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) continue;
      let host: string;
      try {
        host = new URL(value).hostname;
      } catch {
        continue;
      }
      if (PLACEHOLDER_HOST.test(host)) {
        problems.push(
          `${at}: ${key} ${value} is a placeholder address; put the real feed there or disable the source`,
        );
      }
    }
  });
  const { problems: channelProblems } = buildChannels(config.alerts.channels, secret);
  return [...problems, ...channelProblems];
}
