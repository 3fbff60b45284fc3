// The questions module's factory: takes what it needs from the composition root and returns its services, or the
// problems in the `questions:` configuration.
import type { Channel } from '../alerts/channels/channel.js';
import type { Enricher } from '../nlp/enricher.js';
import type { Db } from '../db/client.js';
import { QuestionsRepository } from '../repositories/questions.repository.js';
import type { QuestionsConfig } from './questions-config.schema.js';
import { QuestionNoticesService } from './question-notices.service.js';
import { QuestionsService, type QuestionFaqs, type QuestionsAccessLog } from './questions.service.js';
import { buildRouting } from './routing.js';
import { parseOpeningWindow, WEEKDAYS, type WorkingCalendar } from './working-hours.js';

export interface QuestionsModuleDeps {
  db: Db;
  config: QuestionsConfig;
  timeZone: string;
  textRetentionDays: number;
  /** The scorer, built on first use: a process that registers no question never loads it. */
  enricher: () => Promise<Pick<Enricher, 'enrich'>>;
  topicIds: ReadonlySet<string>;
  channels: ReadonlyMap<string, Channel>;
  accessLog: QuestionsAccessLog;
  /** Where the web pages are reached (ONDERSTROOM_WEB_URL); notices link to the question's page when set. */
  webUrl?: string | null;
  /** The FAQ register: proposals at registration, answering with an FAQ. */
  faqs?: QuestionFaqs;
  now?: () => Date;
}

/** The page of one question, for a notice; null when the pages' address is not configured. */
export function questionLink(webUrl: string | null | undefined, questionId: string): string | null {
  if (!webUrl) return null;
  return new URL(
    `vragen/${encodeURIComponent(questionId)}`,
    webUrl.endsWith('/') ? webUrl : `${webUrl}/`,
  ).toString();
}

export interface QuestionsModule {
  questions: QuestionsService;
  notices: QuestionNoticesService;
  repository: QuestionsRepository;
  /** Question sources that may get their own key (see question-callers.ts). */
  sources: readonly string[];
}

export function createQuestionsModule(
  deps: QuestionsModuleDeps,
): { module: QuestionsModule; problems: [] } | { module: null; problems: string[] } {
  const { routing, problems } = buildRouting(deps.config, deps.topicIds, new Set(deps.channels.keys()));
  const opening: WorkingCalendar['opening'] = {};
  for (const day of WEEKDAYS) {
    const window = deps.config.opening_hours[day];
    if (window === undefined || window === null) continue;
    try {
      opening[day] = parseOpeningWindow(window);
    } catch (error) {
      problems.push(`questions.opening_hours.${day}: ${(error as Error).message}`);
    }
  }
  if (Object.keys(opening).length === 0 && problems.length === 0)
    problems.push(
      'questions.opening_hours: give at least one day with opening hours, or no due time can be set',
    );
  if (problems.length > 0) return { module: null, problems };
  const repository = new QuestionsRepository(deps.db);
  const questions = new QuestionsService({
    repository,
    accessLog: deps.accessLog,
    enricher: deps.enricher,
    routing,
    calendar: { timeZone: deps.timeZone, opening, holidays: new Set(deps.config.holidays) },
    topicIds: deps.topicIds,
    coordinatorChannels: deps.config.coordinator_channels,
    contactRetentionDays: deps.config.contact_retention_days,
    textRetentionDays: deps.textRetentionDays,
    faqs: deps.faqs,
    now: deps.now,
  });
  return {
    module: {
      questions,
      notices: new QuestionNoticesService(repository, deps.channels, deps.now, undefined, (questionId) =>
        questionLink(deps.webUrl, questionId),
      ),
      repository,
      sources: deps.config.sources,
    },
    problems: [],
  };
}
