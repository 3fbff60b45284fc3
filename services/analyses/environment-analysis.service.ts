// The environment analysis (omgevingsanalyse) of a period against a comparison period, in the sections of crisis
// communication: information needs, courses of action, sense-making, signals and coverage. Composed from the modules
// that hold the figures (series and rollups, questions through the series, measures' effects, alerts, terms,
// mentions, sources, the sentiment model); the arithmetic is in statistics.ts, the shape in environment-document.ts.
import type { AlertsService } from '../alerts/alerts.service.js';
import type { FaqGapsService } from '../faqs/faq-gaps.service.js';
import type { Measure } from '../measures/measure.js';
import { DEFAULT_EFFECT, type MeasureEffectsService } from '../measures/measure-effects.service.js';
import type { MentionsService } from '../mentions/mentions.service.js';
import type { SentimentModelService } from '../nlp/model/sentiment-model.service.js';
import type { TopicGapCounts, TopicPostQuestionCounts } from '../faqs/faq-gap.js';
import type { RollupsRepository } from '../repositories/rollups.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import { badRequest } from '../request-error.js';
import type { Range } from '../series/range.js';
import { shareCounts } from '../series/metric-definitions.js';
import { EMPTY_SUMS, QUESTIONS_METRIC, type Sums } from '../series/series.js';
import type { SeriesService } from '../series/series.service.js';
import type { SourceStatusService } from '../sources/source-status.js';
import type { TermsService } from '../terms/terms.service.js';
import { endOfLocalDay, localDate, startOfLocalDay } from '../time/zoned-time.js';
import { analysisPeriods } from './analysis-period.js';
import type {
  EnvironmentDocument,
  ExampleTopic,
  MeasureEntry,
  OnlineQuestionCounts,
  OnlineQuestionsBlock,
  SentimentBlock,
  TopicSentiment,
  WithoutFaqBlock,
  WithoutFaqCounts,
} from './environment-document.js';
import { holm, rateRatio, shareWilson, twoProportionTest, type RateRatio } from './statistics.js';

/** The family-wise error rate the significant changes are held to. */
export const ALPHA = 0.05;
const EXAMPLES_PER_TOPIC = 5;
const MAX_EXAMPLE_TOPICS = 10;
const TERMS = 15;
const MAX_MEASURES = 100;
const DAY_MS = 86_400_000;
const ALL = 'all';

export interface EnvironmentQuery {
  from: string;
  to: string;
  compare: string;
  topic?: string;
  source?: string;
}

/** Who reads: example texts only with the analyst role, and that read is logged. */
export interface AnalysisReader {
  apiKeyId: string | null;
  /** Who reads, as the access log names them: a web user's name, `key:<name>`, or `system:<what>`. */
  actor: string;
  mayReadText: boolean;
}

export interface EnvironmentAnalysisDeps {
  series: Pick<SeriesService, 'checkDimensions' | 'query' | 'queryByKey' | 'total'>;
  rollups: Pick<RollupsRepository, 'breakdown'>;
  mentions: Pick<MentionsService, 'list'>;
  alerts: Pick<AlertsService, 'list'>;
  effects: Pick<MeasureEffectsService, 'effectOf'>;
  /** Measures in force at some moment of a range (the latest `limit`). */
  measuresInForce(range: Range, topic: string | null, limit: number): Promise<Measure[]>;
  terms: Pick<TermsService, 'emerging'>;
  /**
   * The questions without an FAQ per topic (`question_faq_matches`), and the posts that ask with their decisions
   * (`mentions.asks_question`, `mention_faq_matches`), both decided by the `faqs.decide` job.
   */
  faqGaps: Pick<FaqGapsService, 'countsByTopic'>;
  sources: Pick<SourcesRepository, 'kinds'>;
  sourceStatus: Pick<SourceStatusService, 'list'>;
  sentimentModel: Pick<SentimentModelService, 'status'>;
  /** The taxonomy's topics, in its order. */
  topics: readonly { id: string; label: string }[];
  timeZone: string;
  now?: () => Date;
}

const iso = (ms: number) => new Date(ms).toISOString();
const days = (range: Range) => (range.toMs - range.fromMs) / DAY_MS;

function sentimentBlock(sums: Sums): SentimentBlock {
  return {
    volume: sums.n,
    negative: shareWilson('negative_share', sums),
    positive: shareWilson('positive_share', sums),
  };
}

function ratioOf(rr: RateRatio) {
  return { ratio: rr.ratio, low: rr.low, high: rr.high };
}

/** A change whose 95% interval leaves out "no change". */
const changed = (rr: RateRatio) => (rr.low !== null && rr.low > 1) || (rr.high !== null && rr.high < 1);

export class EnvironmentAnalysisService {
  private readonly label: ReadonlyMap<string, string>;

  constructor(private readonly deps: EnvironmentAnalysisDeps) {
    this.label = new Map(deps.topics.map((topic) => [topic.id, topic.label]));
  }

  private topicLabel(id: string): string {
    return this.label.get(id) ?? id;
  }

  /** The topic and source filters, checked: an unknown one is a 400 naming its parameter. */
  private async filters(query: EnvironmentQuery): Promise<{ topic: string; source: string }> {
    const topic = query.topic ?? ALL;
    const source = query.source ?? ALL;
    this.deps.series.checkDimensions(source, topic);
    if (source !== ALL) {
      const kinds = await this.deps.sources.kinds();
      if (!kinds.includes(source))
        throw badRequest(
          `source: unknown source kind "${source}"; known: ${kinds.length === 0 ? '(none stored yet)' : kinds.join(', ')}`,
        );
    }
    return { topic, source };
  }

  async environment(query: EnvironmentQuery, reader: AnalysisReader): Promise<EnvironmentDocument> {
    const { period, comparison, comparisonKind } = analysisPeriods(query, this.deps.timeZone);
    const { topic, source } = await this.filters(query);
    const topicIds = topic === ALL ? this.deps.topics.map((t) => t.id) : [topic];
    const kinds = source === ALL ? await this.deps.sources.kinds() : [source];

    // Every read starts at once: the figures, and beside them what does not depend on them (measures, alerts, the
    // sources' state, the scorer). The terms wait only for the period's total, the examples for the notable topics.
    const totalNowRead = this.deps.series.total({ source, topic, range: period });
    const figuresRead = Promise.all([
      totalNowRead,
      this.deps.series.total({ source, topic, range: comparison }),
      // Only the topics and sources the document shows: each is then a range of the rollups' key.
      this.deps.rollups.breakdown({ by: 'topic', sourceKind: source, topic: ALL, keys: topicIds, ...period }),
      this.deps.rollups.breakdown({
        by: 'topic',
        sourceKind: source,
        topic: ALL,
        keys: topicIds,
        ...comparison,
      }),
      this.deps.rollups.breakdown({ by: 'source', sourceKind: ALL, topic, keys: kinds, ...period }),
      this.deps.rollups.breakdown({ by: 'source', sourceKind: ALL, topic, keys: kinds, ...comparison }),
      this.questionsByTopic(period),
      this.questionsByTopic(comparison),
      this.deps.series.queryByKey({
        by: 'source',
        keys: () => Promise.resolve(kinds),
        metric: 'volume',
        source: undefined,
        channel: undefined,
        topic,
        range: period,
        interval: '1d',
      }),
      this.deps.faqGaps.countsByTopic([period, comparison], source === ALL ? null : source),
    ]);
    const senseRead = figuresRead.then(async ([, , topicsNow, topicsBefore]) => {
      const sense = this.senseMaking(topicIds, topicsNow, topicsBefore, period, comparison);
      const examples = reader.mayReadText ? await this.examples(period, source, sense.notable, reader) : null;
      return { ...sense, examples };
    });
    const termsRead = totalNowRead.then((total) =>
      total.n > 0
        ? this.deps.terms.emerging({
            ...period,
            sourceKind: source === ALL ? null : source,
            topic: topic === ALL ? null : topic,
            baselineMs: period.toMs - period.fromMs,
            limit: TERMS,
          })
        : [],
    );
    const [
      [
        totalNow,
        totalBefore,
        ,
        ,
        sourcesNow,
        sourcesBefore,
        questionsNow,
        questionsBefore,
        dailyBySource,
        gaps,
      ],
      { tested, topicRows, significant, examples },
      terms,
      measures,
      alerts,
      sourceStates,
      sentimentModel,
    ] = await Promise.all([
      figuresRead,
      senseRead,
      termsRead,
      this.measures(period, topic),
      this.deps.alerts.list({ ...period, kind: null, state: null, limit: 1_000 }),
      this.deps.sourceStatus.list(this.now()),
      this.sentimentModel(),
    ]);

    const sumsOf = (rows: (Sums & { key: string })[], key: string): Sums =>
      rows.find((row) => row.key === key) ?? EMPTY_SUMS;
    const questionTotal = (counts: ReadonlyMap<string, number>) =>
      topic === ALL ? (counts.get(ALL) ?? 0) : (counts.get(topic) ?? 0);

    const hasMentions = totalNow.n > 0;
    const hasQuestions = questionTotal(questionsNow) > 0;
    const notes: string[] = [];
    if (!hasMentions && !hasQuestions)
      notes.push(
        'No mentions and no questions were stored for this period (with these filters): every count below is 0 and there is nothing to compare.',
      );
    else if (!hasMentions) notes.push('No mentions were stored for this period (with these filters).');
    if (totalBefore.n === 0 && questionTotal(questionsBefore) === 0)
      notes.push('The comparison period holds no data: changes against it cannot be measured.');
    if (source !== ALL)
      notes.push(
        'Questions are counted per channel, not per source: the source filter applies to mentions only.',
      );

    const coverage = this.coverage(period, dailyBySource, kinds);

    const questionRows = topicIds.map((id) => {
      const now = questionsNow.get(id) ?? 0;
      const before = questionsBefore.get(id) ?? 0;
      return {
        topic: id,
        label: this.topicLabel(id),
        questions: now,
        comparison_questions: before,
        change: ratioOf(rateRatio(now, days(period), before, days(comparison))),
      };
    });
    const questionsNowTotal = questionTotal(questionsNow);
    const questionsBeforeTotal = questionTotal(questionsBefore);

    return {
      period: { from: iso(period.fromMs), to: iso(period.toMs), days: days(period) },
      comparison: {
        kind: comparisonKind,
        from: iso(comparison.fromMs),
        to: iso(comparison.toMs),
        days: days(comparison),
      },
      filters: { topic, source },
      has_data: hasMentions || hasQuestions,
      notes,
      methods: {
        shares: 'Wilson score interval, 95%',
        share_change:
          'two-sided test of the negative share against the comparison period: pooled two-proportion z-test when every expected cell count is at least 5, else Fisher exact test',
        correction: `Holm over the ${tested.length} topics tested (those with mentions in both periods), family-wise alpha ${ALPHA}`,
        rate_change:
          'ratio of daily rates (period against comparison) with the exact conditional Poisson interval (Clopper-Pearson on the split of the total), 95%',
      },
      informatiebehoefte: {
        question_source: 'kcc_register',
        note: 'Counted questions here are those in the KCC register; posts that ask a question are counted apart, in online.',
        questions: questionsNowTotal,
        comparison_questions: questionsBeforeTotal,
        change: ratioOf(rateRatio(questionsNowTotal, days(period), questionsBeforeTotal, days(comparison))),
        per_topic: questionRows,
        without_faq: this.withoutFaq(gaps, topic, topicIds, period, comparison),
        online: this.online(gaps, topic, topicIds, period, comparison),
      },
      handelingsperspectief: measures,
      betekenisgeving: {
        ...sentimentBlock(totalNow),
        comparison: sentimentBlock(totalBefore),
        volume_change: ratioOf(rateRatio(totalNow.n, days(period), totalBefore.n, days(comparison))),
        per_topic: topicRows,
        per_source: kinds.map((kind) => ({
          source: kind,
          ...sentimentBlock(sumsOf(sourcesNow, kind)),
          comparison: sentimentBlock(sumsOf(sourcesBefore, kind)),
        })),
        significant_changes: significant.map((row) => ({
          topic: row.topic,
          label: row.label,
          metric: 'negative_share' as const,
          share: row.negative.share!,
          comparison_share: row.comparison.negative.share!,
          difference: row.negative.share! - row.comparison.negative.share!,
          test: row.negative_share_test!.test,
          p_value: row.negative_share_test!.p_value,
          p_adjusted: row.negative_share_test!.p_adjusted,
        })),
        emerging_terms: {
          baseline:
            comparisonKind === 'previous' ? 'comparison period' : 'the same length of time before the period',
          terms: terms.map((term) => ({
            term: term.term,
            count: term.windowCount,
            baseline_count: term.baselineCount,
            ratio: term.ratio,
            g2: term.g2,
          })),
        },
        examples:
          examples === null
            ? { shown: false, reason: 'example texts need the analyst role', topics: [] }
            : { shown: true, reason: null, topics: examples },
      },
      signalen: {
        alerts: alerts.map((alert) => ({
          id: alert.id,
          kind: alert.kind,
          state: alert.state,
          title: alert.title,
          series: alert.seriesKey,
          opened_at: alert.openedAt.toISOString(),
          resolved_at: alert.resolvedAt?.toISOString() ?? null,
          acknowledged: alert.acknowledgedAt !== null,
          score: alert.score,
          observed: alert.observed,
          expected: alert.expected,
        })),
      },
      dekking: {
        ...coverage,
        per_source: coverage.per_source.map((row) => ({
          ...row,
          items: sumsOf(sourcesNow, row.source).n,
          comparison_items: sumsOf(sourcesBefore, row.source).n,
        })),
        failed_sources: alerts
          .filter((alert) => alert.kind === 'source_failure')
          .map((alert) => ({
            source: typeof alert.details.source === 'string' ? alert.details.source : alert.seriesKey,
            opened_at: alert.openedAt.toISOString(),
            resolved_at: alert.resolvedAt?.toISOString() ?? null,
            problem: typeof alert.details.problem === 'string' ? alert.details.problem : null,
          })),
        sources_with_errors: sourceStates
          .filter((s) => s.last_error_at !== null && Date.parse(s.last_error_at) >= period.fromMs)
          .filter((s) => Date.parse(s.last_error_at!) < period.toMs)
          .map((s) => ({
            id: s.id,
            kind: s.kind,
            last_error_at: s.last_error_at!,
            last_error: s.last_error,
          })),
        sentiment_model: sentimentModel,
      },
    };
  }

  /**
   * Sense-making per topic: shares with intervals, the negative share tested against the comparison period (Holm
   * over the topics tested), and the notable topics (a significant change, or a volume change whose interval
   * leaves out 1), the largest first.
   */
  private senseMaking(
    topicIds: readonly string[],
    topicsNow: readonly (Sums & { key: string })[],
    topicsBefore: readonly (Sums & { key: string })[],
    period: Range,
    comparison: Range,
  ) {
    const sumsOf = (rows: readonly (Sums & { key: string })[], key: string): Sums =>
      rows.find((row) => row.key === key) ?? EMPTY_SUMS;
    const perTopic = topicIds.map((id) => {
      const now = sumsOf(topicsNow, id);
      const before = sumsOf(topicsBefore, id);
      const shareNow = shareCounts('negative_share', now);
      const shareBefore = shareCounts('negative_share', before);
      return {
        id,
        now,
        before,
        test: twoProportionTest(shareNow.k, shareNow.n, shareBefore.k, shareBefore.n),
        volumeChange: rateRatio(now.n, days(period), before.n, days(comparison)),
      };
    });
    const tested = perTopic.filter((t) => t.test !== null);
    const adjusted = holm(tested.map((t) => t.test!.p));
    const adjustedOf = new Map(tested.map((t, i) => [t.id, adjusted[i]!]));
    const topicRows: TopicSentiment[] = perTopic.map((t) => {
      const p = adjustedOf.get(t.id) ?? null;
      return {
        topic: t.id,
        label: this.topicLabel(t.id),
        ...sentimentBlock(t.now),
        comparison: sentimentBlock(t.before),
        volume_change: ratioOf(t.volumeChange),
        negative_share_test:
          t.test === null
            ? null
            : {
                test: t.test.test,
                statistic: t.test.statistic,
                p_value: t.test.p,
                p_adjusted: p!,
                significant: p! < ALPHA,
              },
      };
    });
    const significant = topicRows.filter((row) => row.negative_share_test?.significant === true);
    const notable = [
      ...new Set([
        ...significant.map((row) => row.topic),
        ...perTopic.filter((t) => changed(t.volumeChange) && t.now.n > 0).map((t) => t.id),
      ]),
    ]
      .sort((a, b) => sumsOf(topicsNow, b).n - sumsOf(topicsNow, a).n)
      .slice(0, MAX_EXAMPLE_TOPICS);
    return { tested, topicRows, significant, notable };
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** Question counts per topic and `all` over the range, summed from the daily series /api/v1/series serves. */
  private async questionsByTopic(range: Range): Promise<Map<string, number>> {
    const params = {
      metric: QUESTIONS_METRIC as typeof QUESTIONS_METRIC,
      source: undefined,
      channel: undefined,
      range,
      interval: '1d' as const,
      keys: () => Promise.resolve([]),
    };
    const [byTopic, all] = await Promise.all([
      this.deps.series.queryByKey({ ...params, by: 'topic', topic: ALL }),
      this.deps.series.query({ ...params, topic: ALL }),
    ]);
    const counts = new Map<string, number>();
    for (const row of byTopic) counts.set(row.key, (counts.get(row.key) ?? 0) + (row.value ?? 0));
    counts.set(
      ALL,
      all.reduce((n, row) => n + (row.value ?? 0), 0),
    );
    return counts;
  }

  /**
   * The questions without an FAQ, per topic, in the period and the comparison period, both counted against the
   * published FAQs of now: the comparison says how many of last period's questions still have no FAQ today.
   */
  private withoutFaq(
    gaps: { faqSet: string; counts: TopicGapCounts[][] },
    topic: string,
    topicIds: readonly string[],
    period: Range,
    comparison: Range,
  ): WithoutFaqBlock {
    const [now, before] = gaps.counts.map((rows) => new Map(rows.map((row) => [row.topic, row])));
    const countsOf = (rows: ReadonlyMap<string, TopicGapCounts>, key: string): WithoutFaqCounts => {
      const row = rows.get(key);
      const noFaqFound = row?.noFaqFound ?? 0;
      const answered = row?.answeredWithoutFaq ?? 0;
      return { questions: noFaqFound + answered, no_faq_found: noFaqFound, answered_without_faq: answered };
    };
    const block = (key: string) => {
      const current = countsOf(now!, key);
      const previous = countsOf(before!, key);
      return {
        ...current,
        comparison: previous,
        change: ratioOf(rateRatio(current.questions, days(period), previous.questions, days(comparison))),
      };
    };
    // With a topic filter the totals are that topic's, as the question counts above are.
    const total = topic === ALL ? ALL : topic;
    return {
      note: 'A question without an FAQ is one the faqs.decide job found no published FAQ for (no_faq_found), or one answered without the FAQ it was proposed (answered_without_faq); both periods are counted against the published FAQs of now. Questions not yet decided are counted apart (undecided), not guessed.',
      faq_set: gaps.faqSet,
      ...block(total),
      undecided: now!.get(total)?.undecided ?? 0,
      comparison_undecided: before!.get(total)?.undecided ?? 0,
      per_topic: topicIds.map((id) => ({ topic: id, label: this.topicLabel(id), ...block(id) })),
    };
  }

  /**
   * The posts that ask a question, per topic, in the period and the comparison period, with those whose stored
   * decision against the published FAQs of now is `none`; undecided posts are counted apart, never guessed.
   */
  private online(
    gaps: { faqSet: string; online: TopicPostQuestionCounts[][] },
    topic: string,
    topicIds: readonly string[],
    period: Range,
    comparison: Range,
  ): OnlineQuestionsBlock {
    const [now, before] = gaps.online.map((rows) => new Map(rows.map((row) => [row.topic, row])));
    const block = (key: string): OnlineQuestionCounts => {
      const current = now!.get(key);
      const previous = before!.get(key);
      const questions = current?.questions ?? 0;
      const comparisonQuestions = previous?.questions ?? 0;
      const withoutFaq = current?.noFaqFound ?? 0;
      const comparisonWithoutFaq = previous?.noFaqFound ?? 0;
      return {
        questions,
        comparison_questions: comparisonQuestions,
        change: ratioOf(rateRatio(questions, days(period), comparisonQuestions, days(comparison))),
        without_faq: withoutFaq,
        comparison_without_faq: comparisonWithoutFaq,
        without_faq_change: ratioOf(
          rateRatio(withoutFaq, days(period), comparisonWithoutFaq, days(comparison)),
        ),
        undecided: current?.undecided ?? 0,
        comparison_undecided: previous?.undecided ?? 0,
        older_decision: current?.olderDecision ?? 0,
        comparison_older_decision: previous?.olderDecision ?? 0,
      };
    };
    return {
      question_source: 'posts',
      note: 'Posts that ask a question: Dutch, by a person, asking in title or text (isQuestionPost), as the faqs.decide job marks them (asks_question); without_faq are those it decided none against the published FAQs of now (faq_set). Posts not yet read or decided against another set are counted apart (undecided), not guessed. The source filter applies.',
      faq_set: gaps.faqSet,
      // With a topic filter the totals are that topic's, as the KCC counts are.
      ...block(topic === ALL ? ALL : topic),
      per_topic: topicIds.map((id) => ({ topic: id, label: this.topicLabel(id), ...block(id) })),
    };
  }

  /** Measures in force in the period, which of them changed in it, and each one's measured effect. */
  private async measures(period: Range, topic: string) {
    const inForce = await this.deps.measuresInForce(period, topic === ALL ? null : topic, MAX_MEASURES);
    // With a topic, each effect is measured on that topic's series, as /api/v1/measures/effects does.
    const reports = await Promise.all(
      inForce.map((measure) => this.deps.effects.effectOf(measure, { ...DEFAULT_EFFECT, topic })),
    );
    const tz = this.deps.timeZone;
    const inPeriod = (ms: number) => ms >= period.fromMs && ms < period.toMs;
    const entries: MeasureEntry[] = reports.map((report) => {
      const m = report.measure;
      const changes: ('starts' | 'ends' | 'amended')[] = [];
      if (inPeriod(startOfLocalDay(m.effectiveFrom, tz))) changes.push('starts');
      if (m.effectiveUntil !== null && inPeriod(endOfLocalDay(m.effectiveUntil, tz))) changes.push('ends');
      if (m.version > 1 && inPeriod(m.updatedAt.getTime())) changes.push('amended');
      const { volume, sentiment, questions } = report.effect;
      return {
        id: m.id,
        title: m.title,
        level: m.level,
        direction: m.direction,
        effective_from: m.effectiveFrom,
        effective_until: m.effectiveUntil,
        topics: m.topics,
        url: m.sourceUrl,
        changes,
        effect: {
          at: iso(report.at),
          complete: report.complete,
          window_hours: {
            before: report.options.beforeMs / 3_600_000,
            after: report.options.afterMs / 3_600_000,
          },
          volume: { ratio: volume.ratio, low: volume.low, high: volume.high, basis: volume.basis },
          sentiment: {
            shift: sentiment.shift,
            low: sentiment.low,
            high: sentiment.high,
            basis: sentiment.basis,
          },
          questions:
            questions === null
              ? null
              : { ratio: questions.ratio, low: questions.low, high: questions.high, basis: questions.basis },
        },
      };
    });
    return {
      effect_method:
        'the existing before/after effect analysis (services/measures): 48 hours either side of local midnight of effective_from, against the same hours of the 4 weeks before',
      in_force: entries,
      changed_in_period: entries.filter((entry) => entry.changes.length > 0).map((entry) => entry.id),
    };
  }

  /** Up to five posts per notable topic by reach: author as stored (public accounts by name, others by pseudonym). */
  private async examples(
    period: Range,
    source: string,
    topics: readonly string[],
    reader: AnalysisReader,
  ): Promise<ExampleTopic[]> {
    // The topics' reads are independent, so they run side by side (at most MAX_EXAMPLE_TOPICS).
    return Promise.all(
      topics.map(async (topic): Promise<ExampleTopic> => {
        // Every read of text goes through the mentions service, which logs it in the access log.
        const page = await this.deps.mentions.list(
          { range: period, source, topic, q: null, limit: EXAMPLES_PER_TOPIC, cursor: null, sort: 'reach' },
          { apiKeyId: reader.apiKeyId, actor: reader.actor, purpose: 'api.analyses.environment' },
        );
        return {
          topic,
          label: this.topicLabel(topic),
          posts: page.mentions
            .filter((m) => m.text !== null)
            .map((m) => ({
              source: m.sourceKind,
              author: m.author,
              author_kind: m.authorKind,
              text: m.text!,
            })),
        };
      }),
    );
  }

  /** Items per source per local day; the days on which a source, or everything, stored nothing. */
  private coverage(
    period: Range,
    daily: readonly { time: number; key: string; value: number | null }[],
    kinds: readonly string[],
  ) {
    const tz = this.deps.timeZone;
    const dayTotals = new Map<string, number>();
    const emptyDays = new Map<string, string[]>(kinds.map((kind) => [kind, []]));
    for (const row of daily) {
      const date = localDate(row.time, tz);
      dayTotals.set(date, (dayTotals.get(date) ?? 0) + (row.value ?? 0));
      if ((row.value ?? 0) === 0) emptyDays.get(row.key)?.push(date);
    }
    if (daily.length === 0) {
      // No source stored anything ever: every day of the period is without data.
      for (let t = startOfLocalDay(localDate(period.fromMs, tz), tz); t < period.toMs;) {
        const date = localDate(Math.max(t, period.fromMs), tz);
        dayTotals.set(date, 0);
        t = endOfLocalDay(date, tz);
      }
    }
    return {
      days_without_data: [...dayTotals.entries()].filter(([, n]) => n === 0).map(([date]) => date),
      per_source: kinds.map((kind) => ({ source: kind, days_without_data: emptyDays.get(kind) ?? [] })),
    };
  }

  private async sentimentModel() {
    const status = await this.deps.sentimentModel.status(1);
    const metrics = status.active?.metrics ?? null;
    const measured = (metrics as { cross_validation?: unknown } | null)?.cross_validation ?? null;
    return {
      in_use: status.in_use,
      lexicon: status.lexicon,
      active_version: status.active?.version ?? null,
      measured_accuracy: measured as Record<string, unknown> | null,
      note:
        measured === null
          ? 'No cross-validated figures are stored for the scorer in use; the shipped model and the lexicon are evaluated in services/nlp/model/README.md.'
          : 'Cross-validated figures stored when the model in use was trained.',
      analyst_corrections: status.corrections,
    };
  }
}
