// FAQs as the API prints them: the register's rows (with versions) and the public form of a published FAQ.
import type { GapsAnswer } from './faq-gaps.service.js';
import type { FaqActor, FaqRecord, FaqVersion } from './faq.js';
import { ownerText } from './faq-input.js';
import type { PeriodMeasure } from './faq-gap.js';

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** Flagged stale, or last checked (or written) before its linked measures last changed. */
export function needsCheck(faq: FaqRecord): boolean {
  const checked = faq.lastCheckedAt ?? faq.createdAt;
  return faq.stale !== null || (faq.measuresChangedAt !== null && faq.measuresChangedAt > checked);
}

export function publicFaqJson(faq: FaqRecord) {
  return {
    id: faq.id,
    question: faq.question,
    answer: faq.answer,
    url: faq.url,
    topics: faq.topics,
    audience: faq.audience,
    valid_from: faq.validFrom,
    valid_until: faq.validUntil,
  };
}

export function faqJson(faq: FaqRecord) {
  return {
    ...publicFaqJson(faq),
    external_id: faq.externalId,
    version: faq.version,
    status: faq.status,
    owner: ownerText(faq),
    measures: faq.measureIds,
    last_checked_at: isoOrNull(faq.lastCheckedAt),
    stale: faq.stale && {
      reason: faq.stale.reason,
      at: faq.stale.at.toISOString(),
      measure_id: faq.stale.measureId,
    },
    measures_changed_at: isoOrNull(faq.measuresChangedAt),
    needs_check: needsCheck(faq),
    created_at: faq.createdAt.toISOString(),
    updated_at: faq.updatedAt.toISOString(),
  };
}

export function faqVersionJson(version: FaqVersion) {
  return {
    version: version.version,
    changed: version.changed,
    actor: version.actor,
    origin: version.origin,
    recorded_at: version.recordedAt.toISOString(),
    data: version.data as unknown as Record<string, unknown>,
  };
}

/** An API key as an actor: admin and analyst keys as those roles; a viewer key reads what the public reads. */
export function faqKeyActor(key: {
  id: string;
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
}): FaqActor {
  return {
    name: `key:${key.name}`,
    role: key.role === 'admin' ? 'admin' : key.role === 'analyst' ? 'analyst' : 'team',
    apiKeyId: key.id,
  };
}

/** The gaps as the API prints them. */
function measureJson(m: PeriodMeasure) {
  return { id: m.id, title: m.title, topics: m.topics, effective_from: m.effectiveFrom };
}

export function gapsJson(answer: GapsAnswer) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    from: iso(answer.period.fromMs),
    to: iso(answer.period.toMs),
    previous_from: iso(answer.previous.fromMs),
    previous_to: iso(answer.previous.toMs),
    questions: answer.questions,
    gap_questions: answer.gapQuestions,
    previous_gap_questions: answer.previousGapQuestions,
    undecided: answer.undecided,
    cluster_count: answer.clusterCount,
    clusters: answer.clusters.map((c) => ({
      id: c.id,
      count: c.count,
      previous_count: c.previousCount,
      growth: c.growth,
      growth_ratio: c.growthRatio,
      examples: c.examples,
      terms: c.terms,
      topics: c.topics,
      draft: {
        question: c.draft.question,
        topic: c.draft.topic,
        measures: c.draft.measures.map(measureJson),
      },
      concept_faq_id: c.conceptFaqId,
    })),
    online: {
      questions: answer.online.questions,
      gap_questions: answer.online.gapQuestions,
      previous_gap_questions: answer.online.previousGapQuestions,
      expired: answer.online.expired,
      undecided: answer.online.undecided,
      cluster_count: answer.online.clusterCount,
      text_shown: answer.online.textShown,
      clusters: answer.online.clusters.map((c) => ({
        id: c.id,
        count: c.count,
        previous_count: c.previousCount,
        growth: c.growth,
        growth_ratio: c.growthRatio,
        examples: c.examples.map((e) => ({
          mention_id: e.id,
          posted_at: e.postedAt.toISOString(),
          source_kind: e.sourceKind,
          url: e.url,
          author: e.author,
          text: e.text,
        })),
        terms: c.terms,
        topics: c.topics,
        draft: {
          question: c.draft.question,
          topic: c.draft.topic,
          measures: c.draft.measures.map(measureJson),
        },
        concept_faq_id: c.conceptFaqId,
      })),
    },
  };
}
