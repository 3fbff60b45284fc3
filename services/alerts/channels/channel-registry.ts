// Channels from the config file, with their secrets read from the environment. Missing secrets are start-up
// problems, listed together, not failures discovered at the first alert.
import type { ChannelConfig } from '../../config/alerts.schema.js';
import type { Channel } from './channel.js';
import { emailChannel } from './email.channel.js';
import { slackChannel } from './slack.channel.js';
import { teamsChannel } from './teams.channel.js';
import { webhookChannel } from './webhook.channel.js';

export function buildChannels(
  configs: readonly ChannelConfig[],
  secret: (name: string) => string | null,
): { channels: Map<string, Channel>; problems: string[] } {
  const channels = new Map<string, Channel>();
  const problems: string[] = [];
  const need = (channel: ChannelConfig, name: string): string | null => {
    const value = secret(name);
    if (value === null)
      problems.push(`alerts channel "${channel.id}": environment variable ${name} is not set`);
    return value;
  };
  for (const config of configs) {
    switch (config.kind) {
      case 'teams':
      case 'slack':
      case 'webhook': {
        const url = config.url ?? (config.url_env ? need(config, config.url_env) : null);
        if (url === null) continue;
        if (!/^https?:\/\//.test(url)) {
          problems.push(`alerts channel "${config.id}": the URL must start with http:// or https://`);
          continue;
        }
        if (config.kind === 'teams') channels.set(config.id, teamsChannel(config.id, url));
        else if (config.kind === 'slack') channels.set(config.id, slackChannel(config.id, url));
        else
          channels.set(
            config.id,
            webhookChannel(config.id, url, config.secret_env ? need(config, config.secret_env) : null),
          );
        break;
      }
      case 'email': {
        const smtp = need(config, config.smtp_url_env);
        if (smtp !== null) channels.set(config.id, emailChannel(config.id, smtp, config.from, config.to));
        break;
      }
    }
  }
  return { channels, problems };
}
