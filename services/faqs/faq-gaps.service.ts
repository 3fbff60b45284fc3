// The questions without an FAQ (issue 16, point 3). `decide` gives every question one decision against the current
// set of published FAQs (the `faqs.decide` job, in batches; a decision made against another set is made again).
// `gaps` clusters a period's gap questions, counts the same questions in the period before for the growth, and
// proposes an FAQ draft per cluster; `makeConcept` turns a cluster into a concept FAQ, once.
import type { AlertMessage } from '../alerts/alert-message.js';
import { withoutContactDetails } from '../alerts/question-examples.js';
import { analysisPeriods } from '../analyses/analysis-period.js';
import { badRequest, forbidden, notFound } from '../request-error.js';
import type { FaqGapsRepository } from '../repositories/faq-gaps.repository.js';
import type { MentionFaqMatchesRepository } from '../repositories/mention-faq-matches.repository.js';
import type { Range } from '../series/range.js';
import { localDate } from '../time/zoned-time.js';
import { type FaqActor, type FaqRecord, mayEditFaqs } from './faq.js';
import type { FaqMatchService } from './faq-match.service.js';
import { gapsAlertMessage, gapsPageUrl, newGaps, type GapsAlertPeriod } from './faq-gaps-alert.js';
import type { FaqsService } from './faqs.service.js';
import { clusterGapQuestions, type GapCluster } from './matching/gap-clusters.js';
import { asksResidentQuestion, postText } from './matching/question-post.js';
import type { UserRole } from '../users/user.js';
import type {
  FaqDecisionRow,
  OnlineGapRow,
  PeriodMeasure,
  PostDecisionRow,
  TopicGapCounts,
  TopicPostQuestionCounts,
} from './faq-gap.js';

/** Who reads the gaps: they hold residents' questions (masked), so not the kcc or team roles. */
export const GAP_READERS: readonly UserRole[] = ['coordinator', 'analyst', 'admin'];
export const MAX_GAP_CLUSTERS = 200;
export const DEFAULT_DECIDE_BATCH = 500;

export type GapOrder = 'count' | 'growth';

export interface GapsQuery {
  from: string;
  to: string;
  order?: GapOrder;
  limit?: number;
}

export interface GapDraft {
  question: string;
  topic: string | null;
  measures: PeriodMeasure[];
}

export interface GapClusterView {
  /** The question that started the cluster: the cluster's id for `makeConcept`. */
  id: string;
  count: number;
  previousCount: number;
  /** count - previousCount. */
  growth: number;
  /** count / previousCount; null when the period before had none. */
  growthRatio: number | null;
  examples: string[];
  terms: string[];
  topics: { topic: string; count: number }[];
  draft: GapDraft;
  /** The concept FAQ made from this cluster before, if any. */
  conceptFaqId: string | null;
}

/** An online post shown as an example of a gap: only to those who may read raw text, and each read is logged. */
export interface OnlineGapExample {
  id: string;
  postedAt: Date;
  sourceKind: string;
  url: string | null;
  /** The keyed pseudonym of a person, the public name of an institution. */
  author: string | null;
  /** Title and text, contact details masked, cut at `EXAMPLE_CHARS`. */
  text: string;
}

export interface OnlineGapClusterView {
  /** The post that started the cluster. */
  id: string;
  count: number;
  previousCount: number;
  growth: number;
  growthRatio: number | null;
  /** Empty for a reader without the analyst role (the posts' text is not theirs to read). */
  examples: OnlineGapExample[];
  /** Empty without the analyst role: the words of a cluster of one post are its text. */
  terms: string[];
  topics: { topic: string; count: number }[];
  /** The draft's question is a post's text: null without the analyst role. */
  draft: { question: string | null; topic: string | null; measures: PeriodMeasure[] };
  /** The concept FAQ made from this cluster before, if any. */
  conceptFaqId: string | null;
}

/** What residents asked online in the period that no published FAQ answers (issue 16, point 5). */
export interface OnlineGapsAnswer {
  /** Posts of the period that ask a question (Dutch, by people). */
  questions: number;
  /** Of which decided `none` against the current FAQs and still with their text (clustered). */
  gapQuestions: number;
  previousGapQuestions: number;
  /** Decided `none` but their text has expired: counted here, in no cluster. */
  expired: number;
  /** Posts of the period not yet read or not yet decided against the current FAQs. */
  undecided: number;
  clusterCount: number;
  /** Whether examples, terms and the draft's question are shown (the analyst role). */
  textShown: boolean;
  clusters: OnlineGapClusterView[];
}

export interface GapsAnswer {
  period: Range;
  previous: Range;
  questions: number;
  gapQuestions: number;
  previousGapQuestions: number;
  /** Questions of the period the `faqs.decide` job has not decided against the current FAQs yet. */
  undecided: number;
  clusterCount: number;
  clusters: GapClusterView[];
  online: OnlineGapsAnswer;
}

/** Which half of the gaps a cluster id belongs to: KCC clusters are keyed by a question, online ones by a post. */
export type GapSource = 'kcc' | 'online';

export interface GapConceptInput {
  from: string;
  to: string;
  cluster: string;
  /** Default `kcc`. */
  source?: GapSource;
}

export interface FaqGapsDeps {
  repository: FaqGapsRepository;
  /** Online posts that ask: their reading, decisions and gaps. */
  posts: MentionFaqMatchesRepository;
  matching: FaqMatchService;
  faqs: FaqsService;
  accessLog: {
    record(apiKeyId: string | null, action: string, detail: Record<string, unknown>): Promise<void>;
  };
  timeZone: string;
  now?: () => Date;
}

interface PeriodBase {
  periods: { period: Range; comparison: Range };
  faqSet: string;
}

interface Clustered extends PeriodBase {
  gapCount: number;
  previousGapCount: number;
  clusters: GapCluster[];
  topicsOf: Map<string, string[]>;
  /** Each gap question's text with contact details masked, as the examples show it. */
  masked: Map<string, string>;
}

interface OnlineClustered {
  current: OnlineGapRow[];
  before: OnlineGapRow[];
  clusters: GapCluster[];
  /** Each gap post's title and text with contact details masked. */
  masked: Map<string, string>;
}

const MASKS = /\[(?:telefoonnummer|e-mailadres)\]/g;
// Links and @handles are left out of the online clustering: a handle names a person and must not become a term.
const LINKS_AND_HANDLES = /\b(?:https?:\/\/|www\.)\S+|(?:^|\s)@[\w.]+/gi;
/** Who reads the text of online posts: the analyst role (and admin), as for the mentions themselves. */
export const POST_TEXT_READERS: readonly UserRole[] = ['analyst', 'admin'];
export const EXAMPLE_CHARS = 300;

/**
 * The question of a concept FAQ made from a post: its text without links and @handles (a handle names a person),
 * contact details masked, spaces folded, cut; never the author. Null when nothing of it is left.
 */
export function postQuestionForConcept(maskedText: string): string | null {
  const text = maskedText.replace(LINKS_AND_HANDLES, ' ').replace(/\s+/g, ' ').trim();
  return text === '' ? null : cut(text);
}

function cut(text: string): string {
  return text.length <= EXAMPLE_CHARS ? text : `${text.slice(0, EXAMPLE_CHARS - 1).trimEnd()}…`;
}

function topicCounts(ids: readonly string[], topicsOf: ReadonlyMap<string, string[]>) {
  const counts = new Map<string, number>();
  for (const id of ids)
    for (const topic of topicsOf.get(id) ?? []) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([topic, count]) => ({ topic, count }));
}

/** A question's decision from its best match: the FAQ only when the best one answers it. */
export function decisionOf(
  questionId: string,
  result: { matches: readonly { faqId: string; score: number }[]; decision: 'match' | 'none' },
): FaqDecisionRow {
  const best = result.matches[0];
  return {
    questionId,
    decision: result.decision,
    faqId: result.decision === 'match' && best ? best.faqId : null,
    score: best?.score ?? 0,
  };
}

export class FaqGapsService {
  private readonly now: () => Date;

  constructor(private readonly deps: FaqGapsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Decides the questions without a decision against the current published FAQs, `batchSize` at a time, up to
   * `maxBatches` batches. Safe to run twice and at once: a decision is one row per question, written again with the
   * same content. The set is read before the FAQs are matched, so a change in between leaves the decision marked
   * with the older set, and it is made again on the next run.
   */
  async decide(
    batchSize = DEFAULT_DECIDE_BATCH,
    maxBatches = 20,
  ): Promise<{ decided: number; none: number; batches: number }> {
    let decided = 0;
    let none = 0;
    let batches = 0;
    while (batches < maxBatches) {
      const faqSet = await this.deps.repository.currentFaqSet();
      const questions = await this.deps.repository.undecided(faqSet, batchSize);
      if (questions.length === 0) break;
      batches++;
      const results = await this.deps.matching.matchMany(
        questions.map((q) => q.text),
        1,
      );
      const rows = questions.map((q, i) => decisionOf(q.id, results[i]!));
      await this.deps.repository.saveDecisions(rows, faqSet, this.now());
      decided += rows.length;
      none += rows.filter((row) => row.decision === 'none').length;
    }
    return { decided, none, batches };
  }

  /**
   * Reads the online posts the decider has not read yet (newest first) and decides those that ask a question
   * (`asksResidentQuestion`) against the current published FAQs; then makes again the decisions of posts that
   * still have their text and were decided against another set. `batchSize` posts a batch, up to `maxBatches`:
   * bounded per run however many posts wait. Each batch is one transaction that marks its posts read and upserts
   * their decisions, so a post is read once, a second run decides nothing, and two at once write the same rows.
   */
  async decideMentions(
    batchSize = DEFAULT_DECIDE_BATCH,
    maxBatches = 20,
  ): Promise<{ read: number; asked: number; none: number; redecided: number; batches: number }> {
    const run = { read: 0, asked: 0, none: 0, redecided: 0, batches: 0 };
    while (run.batches < maxBatches) {
      const faqSet = await this.deps.repository.currentFaqSet();
      const unread = await this.deps.posts.unread(batchSize);
      const outdated =
        unread.length < batchSize
          ? await this.deps.posts.outdated(faqSet, this.now(), batchSize - unread.length)
          : [];
      if (unread.length === 0 && outdated.length === 0) break;
      run.batches++;
      const marks = unread.map((post) => ({
        id: post.id,
        postedAt: post.postedAt,
        asks: asksResidentQuestion(post),
      }));
      const again = outdated.filter((post) => postText(post) !== '');
      const toMatch = [...unread.filter((_, i) => marks[i]!.asks), ...again];
      const results = await this.deps.matching.matchMany(
        toMatch.map((post) => postText(post)),
        1,
      );
      const decisions: PostDecisionRow[] = toMatch.map((post, i) => {
        const decision = decisionOf(post.id, results[i]!);
        return {
          mentionId: post.id,
          postedAt: post.postedAt,
          decision: decision.decision,
          faqId: decision.faqId,
          score: decision.score,
          textExpiresAt: post.textExpiresAt,
        };
      });
      const gone = outdated.filter((post) => postText(post) === '').map((post) => post.id);
      await this.deps.posts.save(marks, decisions, gone, faqSet, this.now());
      run.read += unread.length;
      run.asked += marks.filter((mark) => mark.asks).length;
      run.redecided += again.length;
      run.none += decisions.filter((d) => d.decision === 'none').length;
    }
    return run;
  }

  /**
   * The questions without an FAQ of each range, counted per topic, all against the current published FAQs (read
   * once, so the ranges and the KCC and online counts are counted alike): the KCC's questions (`counts`), and the
   * posts that ask with their decisions (`online`, of one source kind when `sourceKind` is given). Counts only, no
   * text: the environment analysis reads these.
   */
  async countsByTopic(
    ranges: readonly Range[],
    sourceKind: string | null = null,
  ): Promise<{ faqSet: string; counts: TopicGapCounts[][]; online: TopicPostQuestionCounts[][] }> {
    const faqSet = await this.deps.repository.currentFaqSet();
    const now = this.now();
    const [counts, online] = await Promise.all([
      Promise.all(
        ranges.map((range) => this.deps.repository.gapCountsByTopic(range.fromMs, range.toMs, faqSet)),
      ),
      Promise.all(
        ranges.map((range) =>
          this.deps.posts.questionCountsByTopic(range.fromMs, range.toMs, faqSet, sourceKind, now),
        ),
      ),
    ]);
    return { faqSet, counts, online };
  }

  /**
   * The message of the weekly gaps alert for `period` (a week): its new gaps of at least `minCount` questions,
   * KCC and online; null when there are none. Read as a coordinator (no online post's text), logged as such.
   */
  async weeklyAlert(
    period: GapsAlertPeriod,
    minCount: number,
    options: { webUrl: string | null; topicLabel: (topic: string) => string },
  ): Promise<AlertMessage | null> {
    const iso = (ms: number) => new Date(ms).toISOString();
    const answer = await this.gaps(
      { name: 'wekelijkse melding vragen zonder FAQ', role: 'coordinator', apiKeyId: null },
      { from: iso(period.fromMs), to: iso(period.toMs), limit: MAX_GAP_CLUSTERS },
    );
    return gapsAlertMessage(newGaps(answer, minCount), {
      period,
      minCount,
      link: gapsPageUrl(options.webUrl, period, this.deps.timeZone),
      topicLabel: options.topicLabel,
      at: this.now(),
    });
  }

  private mustRead(actor: FaqActor): void {
    if (!GAP_READERS.includes(actor.role))
      throw forbidden('the questions without an FAQ are for a coordinator, an analyst or an admin');
  }

  /** The period and the one before it, and the current set of published FAQs every decision is read against. */
  private async periodBase(from: string, to: string): Promise<PeriodBase> {
    const periods = analysisPeriods({ from, to, compare: 'previous' }, this.deps.timeZone);
    return {
      periods: { period: periods.period, comparison: periods.comparison },
      faqSet: await this.deps.repository.currentFaqSet(),
    };
  }

  private async cluster(from: string, to: string): Promise<Clustered> {
    const base = await this.periodBase(from, to);
    const { period, comparison } = base.periods;
    const faqSet = base.faqSet;
    const [current, before] = await Promise.all([
      this.deps.repository.gapQuestions(period.fromMs, period.toMs, faqSet),
      this.deps.repository.gapQuestions(comparison.fromMs, comparison.toMs, faqSet),
    ]);
    // Phone numbers and e-mail addresses are masked before anything is read from a question, so neither they nor
    // a name in an address can become a cluster's term; the placeholders are left out of the clustering.
    const masked = new Map(current.map((q) => [q.id, withoutContactDetails(q.text)]));
    const forClustering = (id: string, text: string) => ({ id, text: text.replace(MASKS, ' ') });
    const clusters = clusterGapQuestions(
      current.map((q) => forClustering(q.id, masked.get(q.id)!)),
      { previous: before.map((q) => forClustering(q.id, withoutContactDetails(q.text))) },
    );
    return {
      ...base,
      gapCount: current.length,
      previousGapCount: before.length,
      clusters,
      topicsOf: new Map(current.map((q) => [q.id, q.topics])),
      masked,
    };
  }

  /** The measures of the period on a gap's leading topic (none without a topic): what a draft FAQ should explain. */
  private async measuresOnTopic(topic: string | null, period: { fromMs: number; toMs: number }) {
    if (topic === null) return [];
    return this.deps.repository.measuresOn(
      [topic],
      localDate(period.fromMs, this.deps.timeZone),
      localDate(period.toMs, this.deps.timeZone),
    );
  }

  private async draft(cluster: GapCluster, clustered: Clustered) {
    const { period } = clustered.periods;
    const topics = topicCounts(cluster.memberIds, clustered.topicsOf);
    const topic = topics[0]?.topic ?? null;
    const measures = await this.measuresOnTopic(topic, period);
    const draft: GapDraft = {
      question: clustered.masked.get(cluster.exampleIds[0] ?? '') ?? '',
      topic,
      measures,
    };
    return { topics, draft };
  }

  async gaps(actor: FaqActor, query: GapsQuery): Promise<GapsAnswer> {
    this.mustRead(actor);
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GAP_CLUSTERS)
      throw badRequest(`limit: a whole number from 1 to ${MAX_GAP_CLUSTERS}`);
    const order = query.order ?? 'count';
    const clustered = await this.cluster(query.from, query.to);
    const { period, comparison } = clustered.periods;
    const ranked = [...clustered.clusters];
    if (order === 'growth')
      ranked.sort((a, b) => b.count - b.previousCount - (a.count - a.previousCount) || b.count - a.count);
    const shown = ranked.slice(0, limit);
    const concepts = await this.deps.repository.conceptsFor(shown.flatMap((c) => c.memberIds));
    const clusters: GapClusterView[] = [];
    for (const cluster of shown) {
      const { topics, draft } = await this.draft(cluster, clustered);
      clusters.push({
        id: cluster.memberIds[0]!,
        count: cluster.count,
        previousCount: cluster.previousCount,
        growth: cluster.count - cluster.previousCount,
        growthRatio: cluster.previousCount === 0 ? null : cluster.count / cluster.previousCount,
        examples: cluster.exampleIds.map((id) => clustered.masked.get(id)!),
        terms: cluster.terms,
        topics,
        draft,
        conceptFaqId: cluster.memberIds.map((id) => concepts.get(id)).find((id) => id !== undefined) ?? null,
      });
    }
    const figures = await this.deps.repository.periodFigures(period.fromMs, period.toMs, clustered.faqSet);
    const online = await this.onlineGaps(actor, clustered, order, limit);
    const shownPosts = online.clusters.flatMap((cluster) => cluster.examples.map((example) => example.id));
    await this.deps.accessLog.record(actor.apiKeyId, 'faqs.gaps.read', {
      actor: actor.name,
      from: new Date(period.fromMs).toISOString(),
      to: new Date(period.toMs).toISOString(),
      clusters: clusters.length,
      online_clusters: online.clusters.length,
      // The posts whose text this read showed, as the mentions' reads log them.
      online_examples: shownPosts.length,
      mentions: shownPosts,
    });
    return {
      period,
      previous: comparison,
      questions: figures.questions,
      gapQuestions: clustered.gapCount,
      previousGapQuestions: clustered.previousGapCount,
      undecided: figures.undecided,
      clusterCount: clustered.clusters.length,
      clusters,
      online,
    };
  }

  /**
   * The online half of the gaps: posts of the period that ask and that no published FAQ answers, clustered like
   * the KCC's questions (apart from them: the two are shown side by side). A post whose text has expired is only
   * counted. Without the analyst role the clusters come without examples, terms and the draft's question.
   */
  private async onlineGaps(
    actor: FaqActor,
    clustered: Clustered,
    order: GapOrder,
    limit: number,
  ): Promise<OnlineGapsAnswer> {
    const { period } = clustered.periods;
    const [{ current, before, clusters, masked }, figures] = await Promise.all([
      this.clusterOnline(clustered),
      this.deps.posts.periodFigures(period.fromMs, period.toMs, clustered.faqSet),
    ]);
    const ranked = [...clusters];
    if (order === 'growth')
      ranked.sort((a, b) => b.count - b.previousCount - (a.count - a.previousCount) || b.count - a.count);
    const textShown = POST_TEXT_READERS.includes(actor.role);
    const byId = new Map(current.map((post) => [post.id, post]));
    const topicsOf = new Map(current.map((post) => [post.id, post.topics]));
    const shown = ranked.slice(0, limit);
    const concepts = await this.deps.repository.onlineConceptsFor(shown.flatMap((c) => c.memberIds));
    const views: OnlineGapClusterView[] = [];
    for (const cluster of shown) {
      const topics = topicCounts(cluster.memberIds, topicsOf);
      const topic = topics[0]?.topic ?? null;
      const measures = await this.measuresOnTopic(topic, period);
      views.push({
        id: cluster.memberIds[0]!,
        count: cluster.count,
        previousCount: cluster.previousCount,
        growth: cluster.count - cluster.previousCount,
        growthRatio: cluster.previousCount === 0 ? null : cluster.count / cluster.previousCount,
        examples: textShown
          ? cluster.exampleIds.map((id) => {
              const post = byId.get(id)!;
              return {
                id,
                postedAt: post.postedAt,
                sourceKind: post.sourceKind,
                url: post.url,
                author: post.author,
                text: cut(masked.get(id)!),
              };
            })
          : [],
        terms: textShown ? cluster.terms : [],
        topics,
        draft: {
          question: textShown ? cut(masked.get(cluster.exampleIds[0] ?? '') ?? '') : null,
          topic,
          measures,
        },
        conceptFaqId: cluster.memberIds.map((id) => concepts.get(id)).find((id) => id !== undefined) ?? null,
      });
    }
    return {
      questions: figures.questions,
      gapQuestions: current.length,
      previousGapQuestions: before.length,
      expired: figures.expired,
      undecided: figures.undecided,
      clusterCount: clusters.length,
      textShown,
      clusters: views,
    };
  }

  /** The online gap posts of the period and the one before, clustered apart from the KCC's questions. */
  private async clusterOnline(base: PeriodBase): Promise<OnlineClustered> {
    const { period, comparison } = base.periods;
    const [current, before] = await Promise.all([
      this.deps.posts.gapPosts(period.fromMs, period.toMs, base.faqSet),
      this.deps.posts.gapPosts(comparison.fromMs, comparison.toMs, base.faqSet),
    ]);
    const masked = new Map(current.map((post) => [post.id, withoutContactDetails(postText(post))]));
    const forClustering = (post: OnlineGapRow, text: string) => ({
      id: post.id,
      text: text.replace(LINKS_AND_HANDLES, ' ').replace(MASKS, ' '),
    });
    const clusters = clusterGapQuestions(
      current.map((post) => forClustering(post, masked.get(post.id)!)),
      { previous: before.map((post) => forClustering(post, withoutContactDetails(postText(post)))) },
    );
    return { current, before, clusters, masked };
  }

  /**
   * The cluster of the period started by question `input.cluster` as a concept FAQ: the draft's question, topic
   * and measures, with an answer still to write. Once: a cluster that holds a question made into a concept before
   * returns that concept (`created` false), also when two clicks arrive at once.
   */
  async makeConcept(actor: FaqActor, input: GapConceptInput): Promise<{ faq: FaqRecord; created: boolean }> {
    if (!mayEditFaqs(actor.role)) throw forbidden('only a coordinator or an admin makes concept FAQs');
    const source = input.source ?? 'kcc';
    if (source !== 'kcc' && source !== 'online')
      throw badRequest(
        `source: "kcc" or "online" (the half of the gaps the cluster is in), got "${String(source)}"`,
      );
    if (!/^\d{1,18}$/.test(input.cluster))
      throw badRequest(
        `cluster: the id of a gap cluster (digits, as the gaps list gives it), got "${input.cluster}"`,
      );
    const made =
      source === 'online'
        ? await this.makeOnlineConcept(actor, input)
        : await this.makeKccConcept(actor, input);
    await this.deps.accessLog.record(actor.apiKeyId, 'faqs.gaps.concept', {
      actor: actor.name,
      source,
      cluster: input.cluster,
      faq_id: made.faq.id,
      created: made.created,
      // The residents' texts the concept's question was taken from (KCC questions or posts).
      [source === 'online' ? 'mentions' : 'questions']: made.createdFrom,
    });
    return { faq: made.faq, created: made.created };
  }

  /** The concept's answer: still to write, with what the cluster holds and the measures on its topic. */
  private conceptAnswer(
    count: number,
    what: string,
    terms: readonly string[],
    draftMeasures: readonly PeriodMeasure[],
  ) {
    const measures = draftMeasures.map((m) => `${m.title} (${m.id}, vanaf ${m.effectiveFrom})`);
    return [
      `Nog te schrijven. ${count} ${what} zonder FAQ in deze periode.`,
      terms.length > 0 ? `Gemeenschappelijke woorden: ${terms.join(', ')}.` : '',
      measures.length > 0 ? `Maatregelen op dit onderwerp: ${measures.join('; ')}.` : '',
    ]
      .filter((line) => line !== '')
      .join('\n');
  }

  private async makeKccConcept(
    actor: FaqActor,
    input: GapConceptInput,
  ): Promise<{ faq: FaqRecord; created: boolean; createdFrom: string[] }> {
    const clustered = await this.cluster(input.from, input.to);
    const cluster = clustered.clusters.find((c) => c.memberIds[0] === input.cluster);
    if (cluster === undefined)
      throw notFound(
        `cluster: no gap cluster ${input.cluster} in this period (the gaps change as questions come in and FAQs are published; reload the list)`,
      );
    const { draft } = await this.draft(cluster, clustered);
    const made = await this.deps.faqs.createOnce(
      actor,
      {
        question: draft.question,
        answer: this.conceptAnswer(cluster.count, 'vragen', cluster.terms, draft.measures),
        status: 'concept',
        topics: draft.topic === null ? [] : [draft.topic],
        measures: draft.measures.map((m) => m.id),
      },
      {
        find: (repository) => repository.lockedGapConceptOf(cluster.memberIds),
        record: (repository, faqId) =>
          repository.recordGapConcept(cluster.memberIds[0]!, faqId, actor.name, this.now()),
      },
    );
    return { ...made, createdFrom: made.created ? cluster.exampleIds.slice(0, 1) : [] };
  }

  /**
   * An online cluster (started by post `input.cluster`) as a concept FAQ, the same way as a KCC cluster: the
   * question from its most central post (`postQuestionForConcept`: no author, handles, links or contact details),
   * its leading topic and the period's measures on it. Once: keyed by the cluster's posts in
   * `faq_gap_online_concepts`, under the gap concepts' lock.
   */
  private async makeOnlineConcept(
    actor: FaqActor,
    input: GapConceptInput,
  ): Promise<{ faq: FaqRecord; created: boolean; createdFrom: string[] }> {
    const base = await this.periodBase(input.from, input.to);
    const online = await this.clusterOnline(base);
    const cluster = online.clusters.find((c) => c.memberIds[0] === input.cluster);
    if (cluster === undefined)
      throw notFound(
        `cluster: no online gap cluster ${input.cluster} in this period (the gaps change as posts come in and FAQs are published; reload the list)`,
      );
    const byId = new Map(online.current.map((post) => [post.id, post]));
    // The most central post that leaves a question once links and handles are gone.
    const representative = cluster.exampleIds
      .map((id) => ({ id, question: postQuestionForConcept(online.masked.get(id) ?? '') }))
      .find((candidate) => candidate.question !== null);
    const topics = topicCounts(
      cluster.memberIds,
      new Map(online.current.map((post) => [post.id, post.topics])),
    );
    const topic = topics[0]?.topic ?? null;
    const measures = await this.measuresOnTopic(topic, base.periods.period);
    const question =
      representative?.question ?? `Vraag online over: ${cluster.terms.join(', ') || 'onbekend onderwerp'}`;
    const start = byId.get(cluster.memberIds[0]!)!;
    const made = await this.deps.faqs.createOnce(
      actor,
      {
        question,
        answer: this.conceptAnswer(cluster.count, 'berichten online', cluster.terms, measures),
        status: 'concept',
        topics: topic === null ? [] : [topic],
        measures: measures.map((m) => m.id),
      },
      {
        find: (repository) => repository.lockedOnlineGapConceptOf(cluster.memberIds),
        record: (repository, faqId) =>
          repository.recordOnlineGapConcept(
            { id: start.id, postedAt: start.postedAt },
            faqId,
            actor.name,
            this.now(),
          ),
      },
    );
    return { ...made, createdFrom: made.created && representative ? [representative.id] : [] };
  }
}
