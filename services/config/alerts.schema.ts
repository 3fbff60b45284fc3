// The `alerts` section of the config file: channels, rules, and where source failures and measure changes go.
import Type, { type Static } from 'typebox';
import { DURATION_PATTERN } from './duration.js';

const Id = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
  description: 'lowercase letters, digits, - and _',
});
const Duration = (fallback: string) => Type.String({ pattern: DURATION_PATTERN, default: fallback });
const EnvName = Type.String({
  pattern: '^[A-Z_][A-Z0-9_]*$',
  description: 'the name of an environment variable',
});

const UrlSource = {
  url: Type.Optional(Type.String({ pattern: '^https?://' })),
  url_env: Type.Optional(EnvName),
};

export const ChannelSchema = Type.Union([
  Type.Object({ id: Id, kind: Type.Literal('teams'), ...UrlSource }, { additionalProperties: false }),
  Type.Object({ id: Id, kind: Type.Literal('slack'), ...UrlSource }, { additionalProperties: false }),
  Type.Object(
    { id: Id, kind: Type.Literal('webhook'), ...UrlSource, secret_env: Type.Optional(EnvName) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('email'),
      smtp_url_env: EnvName,
      from: Type.String({ minLength: 3 }),
      to: Type.Array(Type.String({ minLength: 3 }), { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
]);

export const RuleSchema = Type.Object(
  {
    id: Id,
    metric: Type.Union([Type.Literal('volume'), Type.Literal('negative_share'), Type.Literal('questions')], {
      description: "volume or negative_share of mentions, or questions: residents' questions to the KCC",
    }),
    source: Type.String({ default: 'all', pattern: '^[a-z0-9_-]+$' }),
    topic: Type.String({ default: 'all', description: 'a topic id, all, or each (one series per topic)' }),
    direction: Type.Union([Type.Literal('spike'), Type.Literal('drop'), Type.Literal('both')], {
      default: 'spike',
    }),
    threshold: Type.Number({ minimum: 0, maximum: 1, default: 0.5 }),
    min_volume: Type.Integer({ minimum: 0, default: 20 }),
    window: Duration('1h'),
    // No new alert of the rule and series within this time of the last one opening (rule.evaluator.ts).
    cooldown: Duration('3h'),
    quiet_hours: Type.Optional(
      Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    ),
    channels: Type.Array(Id, { default: [] }),
  },
  { additionalProperties: false },
);

export const AlertsSection = Type.Object(
  {
    resolve_after: Duration('1h'),
    channels: Type.Array(ChannelSchema, { default: [] }),
    rules: Type.Optional(Type.Array(RuleSchema)),
    source_failures: Type.Object(
      { after: Type.Integer({ minimum: 1, default: 3 }), channels: Type.Array(Id, { default: [] }) },
      { additionalProperties: false, default: {} },
    ),
    measure_changes: Type.Object(
      { channels: Type.Array(Id, { default: [] }) },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type ChannelConfig = Static<typeof ChannelSchema>;
export type RuleConfig = Static<typeof RuleSchema>;
export type AlertsConfig = Static<typeof AlertsSection>;

/**
 * A questions rule that names no min_volume gets this, not the mentions' 20: questions are sparse and an alert opens
 * on the burst's first buckets (tools/eval-question-spikes.ts: 10 already misses most bursts).
 */
export const QUESTION_MIN_VOLUME = 5;

/** The raw `alerts.rules` of a file, with the questions rules' own default filled in before the schema's defaults. */
export function withQuestionRuleDefaults(sections: Record<string, unknown>): Record<string, unknown> {
  const alerts = sections.alerts;
  if (typeof alerts !== 'object' || alerts === null || !('rules' in alerts) || !Array.isArray(alerts.rules))
    return sections;
  const rules = (alerts.rules as unknown[]).map((rule) =>
    typeof rule === 'object' &&
    rule !== null &&
    'metric' in rule &&
    rule.metric === 'questions' &&
    !('min_volume' in rule)
      ? { ...rule, min_volume: QUESTION_MIN_VOLUME }
      : rule,
  );
  return { ...sections, alerts: { ...alerts, rules } };
}

/** Rules used when the file names none: spikes of volume, of negative share and of questions overall, no channels. */
export const DEFAULT_RULES: RuleConfig[] = [
  {
    id: 'volume',
    metric: 'volume',
    source: 'all',
    topic: 'all',
    direction: 'spike',
    threshold: 0.5,
    min_volume: 20,
    window: '1h',
    cooldown: '3h',
    channels: [],
  },
  {
    id: 'negative-share',
    metric: 'negative_share',
    source: 'all',
    topic: 'all',
    direction: 'spike',
    threshold: 0.5,
    min_volume: 30,
    window: '1h',
    cooldown: '3h',
    channels: [],
  },
  {
    id: 'questions',
    metric: 'questions',
    source: 'all',
    topic: 'all',
    direction: 'spike',
    threshold: 0.5,
    min_volume: QUESTION_MIN_VOLUME,
    window: '1h',
    cooldown: '3h',
    channels: [],
  },
];

/** What a `metric: questions` rule cannot be: questions are counted over every channel, and only bursts alert. */
function questionRuleProblems(rule: RuleConfig, path: string): string[] {
  if (rule.metric !== 'questions') return [];
  const problems: string[] = [];
  if (rule.source !== 'all')
    problems.push(
      `${path}.source: a questions rule counts the questions of every channel; leave source out or give all, not "${rule.source}"`,
    );
  if (rule.direction !== 'spike')
    problems.push(
      `${path}.direction: a questions rule alerts on bursts of questions only; give spike, not "${rule.direction}"`,
    );
  return problems;
}

/** Cross-references the schema cannot check: channel ids exist and are unique, rule ids are unique. */
export function alertsProblems(alerts: AlertsConfig): string[] {
  const problems: string[] = [];
  const channels = new Set<string>();
  for (const [i, channel] of alerts.channels.entries()) {
    if (channels.has(channel.id)) problems.push(`alerts.channels[${i}].id: "${channel.id}" is used twice`);
    channels.add(channel.id);
    if ('url' in channel || 'url_env' in channel) {
      const hasUrl = channel.url !== undefined;
      const hasEnv = channel.url_env !== undefined;
      if (hasUrl === hasEnv)
        problems.push(`alerts.channels[${i}] (${channel.id}): give exactly one of url or url_env`);
    } else if (channel.kind !== 'email') {
      problems.push(`alerts.channels[${i}] (${channel.id}): give exactly one of url or url_env`);
    }
  }
  const references = (path: string, ids: readonly string[]) => {
    for (const id of ids) if (!channels.has(id)) problems.push(`${path}: no channel with id "${id}"`);
  };
  const rules = new Set<string>();
  for (const [i, rule] of (alerts.rules ?? []).entries()) {
    if (rules.has(rule.id)) problems.push(`alerts.rules[${i}].id: "${rule.id}" is used twice`);
    rules.add(rule.id);
    references(`alerts.rules[${i}].channels`, rule.channels);
    problems.push(...questionRuleProblems(rule, `alerts.rules[${i}]`));
  }
  references('alerts.source_failures.channels', alerts.source_failures.channels);
  references('alerts.measure_changes.channels', alerts.measure_changes.channels);
  return problems;
}
