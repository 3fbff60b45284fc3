// Routing by topic: the first of the question's topics that has a route decides the team; otherwise the default.
// A team given with the question (the KCC knows better) wins over both.
import type { QuestionsConfig } from './questions-config.schema.js';

export interface Team {
  id: string;
  name: string;
  dueMinutes: number;
  channels: readonly string[];
}

export interface Routing {
  teams: ReadonlyMap<string, Team>;
  byTopic: ReadonlyMap<string, string>;
  defaultTeam: string;
}

export function routeTeam(routing: Routing, topics: readonly string[], requested: string | null): string {
  if (requested !== null) return requested;
  for (const topic of topics) {
    const team = routing.byTopic.get(topic);
    if (team !== undefined) return team;
  }
  return routing.defaultTeam;
}

/** The routing of the config, or every problem in it (unknown teams, topics and channels), by config path. */
export function buildRouting(
  config: QuestionsConfig,
  topicIds: ReadonlySet<string>,
  channelIds: ReadonlySet<string>,
): { routing: Routing; problems: string[] } {
  const problems: string[] = [];
  const teams = new Map<string, Team>();
  config.teams.forEach((team, i) => {
    if (teams.has(team.id)) problems.push(`questions.teams[${i}].id: "${team.id}" appears twice`);
    team.channels.forEach((channel, j) => {
      if (!channelIds.has(channel))
        problems.push(
          `questions.teams[${i}].channels[${j}]: no alert channel "${channel}" under alerts.channels`,
        );
    });
    teams.set(team.id, {
      id: team.id,
      name: team.name,
      dueMinutes: Math.round(team.due_hours * 60),
      channels: team.channels,
    });
  });
  const byTopic = new Map<string, string>();
  config.routes.forEach((route, i) => {
    if (!topicIds.has(route.topic))
      problems.push(
        `questions.routes[${i}].topic: unknown topic "${route.topic}"; use one of ${[...topicIds].join(', ')}`,
      );
    if (!teams.has(route.team))
      problems.push(`questions.routes[${i}].team: no team "${route.team}" under questions.teams`);
    if (!byTopic.has(route.topic)) byTopic.set(route.topic, route.team);
  });
  if (!teams.has(config.default_team))
    problems.push(`questions.default_team: no team "${config.default_team}" under questions.teams`);
  config.coordinator_channels.forEach((channel, i) => {
    if (!channelIds.has(channel))
      problems.push(
        `questions.coordinator_channels[${i}]: no alert channel "${channel}" under alerts.channels`,
      );
  });
  return { routing: { teams, byTopic, defaultTeam: config.default_team }, problems };
}
