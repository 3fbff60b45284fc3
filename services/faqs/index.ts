// The FAQ register's factory: takes what it needs from the composition root and returns its services.
import type { Channel } from '../alerts/channels/channel.js';
import type { Db } from '../db/client.js';
import type { QuestionFaqs } from '../questions/questions.service.js';
import { FaqGapsRepository } from '../repositories/faq-gaps.repository.js';
import { FaqsRepository } from '../repositories/faqs.repository.js';
import { MentionFaqMatchesRepository } from '../repositories/mention-faq-matches.repository.js';
import { decisionOf, FaqGapsService } from './faq-gaps.service.js';
import { FaqMatchService } from './faq-match.service.js';
import { FaqNoticesService } from './faq-notices.service.js';
import { FaqStaleService } from './faq-stale.js';
import { FaqsService } from './faqs.service.js';

export interface FaqsModuleDeps {
  db: Db;
  /** A topic id, alias or label to the taxonomy's id; null when unknown. */
  resolveTopic: (value: string) => string | null;
  topicIds: readonly string[];
  /** The teams of `questions.teams` with their alert channels: an owning team is told of a stale FAQ there. */
  teams: readonly { id: string; channels: readonly string[] }[];
  /** Told when a stale FAQ has no owning team. */
  coordinatorChannels: readonly string[];
  channels: ReadonlyMap<string, Channel>;
  /** Where the web pages are reached (ONDERSTROOM_WEB_URL); notices link to the FAQ's page when set. */
  webUrl?: string | null;
  /** Reads of the gaps (residents' questions, masked) are logged here. */
  accessLog: {
    record(apiKeyId: string | null, action: string, detail: Record<string, unknown>): Promise<void>;
  };
  /** The days of a gaps period are local days here. */
  timeZone: string;
  now?: () => Date;
}

export interface FaqsModule {
  faqs: FaqsService;
  stale: FaqStaleService;
  notices: FaqNoticesService;
  /** Which published FAQs answer a text (the match route, the KCC form). */
  matching: FaqMatchService;
  /** The register as the question register uses it: an FAQ by id, and proposals for registered questions. */
  forQuestions: QuestionFaqs;
  /** The questions without an FAQ: decisions per question, the clusters, concept FAQs made from them. */
  gaps: FaqGapsService;
  repository: FaqsRepository;
}

/** How many FAQs a registered question is offered: a KCC employee reads them while the resident waits. */
export const PROPOSED_FAQS = 3;

/** The page of one FAQ in the register; null when the pages' address is not configured. */
export function faqLink(webUrl: string | null | undefined, faqId: string): string | null {
  if (!webUrl) return null;
  return new URL(
    `faq-beheer/${encodeURIComponent(faqId)}`,
    webUrl.endsWith('/') ? webUrl : `${webUrl}/`,
  ).toString();
}

export function createFaqsModule(deps: FaqsModuleDeps): FaqsModule {
  const now = deps.now ?? (() => new Date());
  const repository = new FaqsRepository(deps.db);
  const teamChannels = new Map(deps.teams.map((team) => [team.id, team.channels]));
  const faqs = new FaqsService({
    repository,
    checks: {
      resolveTopic: deps.resolveTopic,
      topicIds: deps.topicIds,
      teams: new Set(teamChannels.keys()),
    },
    now,
  });
  const matching = new FaqMatchService(repository, faqs);
  const gapsRepository = new FaqGapsRepository(deps.db);
  const propose = async (texts: readonly string[]) =>
    (await matching.matchMany(texts, PROPOSED_FAQS)).map((result) => ({
      matches: result.matches.map((match) => ({ ...match })),
      decision: result.decision,
    }));
  return {
    faqs,
    stale: new FaqStaleService({
      channelsOf: (team) => {
        const own = team === null ? undefined : teamChannels.get(team);
        return own !== undefined && own.length > 0 ? own : deps.coordinatorChannels;
      },
      link: (faqId) => faqLink(deps.webUrl, faqId),
      now,
    }),
    notices: new FaqNoticesService(repository, deps.channels, now),
    matching,
    forQuestions: {
      get: async (id) => {
        const faq = await repository.get(id);
        return faq && { id: faq.id, question: faq.question, answer: faq.answer, status: faq.status };
      },
      propose,
      proposeForRegistration: async (texts) => {
        // The set is read before matching, as `faqs.decide` does: a change in between leaves the kept decisions
        // marked with the older set, and the decider makes them again.
        const faqSet = await gapsRepository.currentFaqSet();
        const proposals = await propose(texts);
        return {
          proposals,
          keep: async (ids) => {
            const rows = proposals.flatMap((proposal, i) => {
              const questionId = ids[i];
              return questionId === undefined ? [] : [decisionOf(questionId, proposal)];
            });
            await gapsRepository.saveDecisions(rows, faqSet, now());
          },
        };
      },
    },
    gaps: new FaqGapsService({
      repository: gapsRepository,
      posts: new MentionFaqMatchesRepository(deps.db),
      matching,
      faqs,
      accessLog: deps.accessLog,
      timeZone: deps.timeZone,
      now,
    }),
    repository,
  };
}
