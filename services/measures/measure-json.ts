// Measures and effects as the API and the CLI's --json print them: snake_case, dates as YYYY-MM-DD, instants ISO.
import type { EffectPattern, VolumeEffect } from './effect.analysis.js';
import type { Measure, MeasureFields, MeasureVersion } from './measure.js';
import type { EffectReport } from './measure-effects.service.js';

export function fieldsJson(measure: MeasureFields) {
  return {
    level: measure.level,
    region: measure.region,
    municipality: measure.municipality,
    title: measure.title,
    summary: measure.summary,
    announced_on: measure.announcedOn,
    effective_from: measure.effectiveFrom,
    effective_until: measure.effectiveUntil,
    topics: measure.topics,
    direction: measure.direction,
    source_url: measure.sourceUrl,
    sources: measure.sources,
    verified: measure.verified,
    note: measure.note,
  };
}

export function measureJson(measure: Measure) {
  return {
    id: measure.id,
    version: measure.version,
    ...fieldsJson(measure),
    origin: measure.origin,
    source_id: measure.sourceId,
    external_id: measure.externalId,
    created_at: measure.createdAt.toISOString(),
    updated_at: measure.updatedAt.toISOString(),
  };
}

export function versionJson(version: MeasureVersion) {
  return {
    version: version.version,
    recorded_at: version.recordedAt.toISOString(),
    origin: version.origin,
    changed: version.changed,
    fields: fieldsJson(version.fields),
  };
}

// Without any KCC question in the windows or their earlier weeks (before the register was in use) there is nothing
// to compare: the field says so beside the zero counts rather than a ratio of nothing.
export const NO_QUESTIONS_NOTE =
  'No KCC questions were registered in these windows or the same hours of the earlier weeks: question volume is not measured here.';

const VOLUME_METHOD = (counted: string) =>
  `ratio = (after / expected after) / (before / expected before), expected = mean of the same hours in earlier weeks that held ${counted}; 95% interval by the delta method on the log ratio of Poisson counts`;

function questionsJson(questions: VolumeEffect | null) {
  if (questions === null) return { measured: false, note: NO_QUESTIONS_NOTE };
  const measured =
    questions.before + questions.after + (questions.expectedBefore ?? 0) + (questions.expectedAfter ?? 0) > 0;
  return {
    measured,
    note: measured ? null : NO_QUESTIONS_NOTE,
    channel: 'all',
    before: questions.before,
    after: questions.after,
    expected_before: questions.expectedBefore,
    expected_after: questions.expectedAfter,
    weeks_used: questions.weeks,
    raw_ratio: questions.rawRatio,
    ratio: questions.ratio,
    ratio_low: questions.low,
    ratio_high: questions.high,
    basis: questions.basis,
    method: VOLUME_METHOD('questions'),
  };
}

export function effectJson(report: EffectReport, topicLabel: (id: string) => string) {
  const { volume, sentiment, topics, questions } = report.effect;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    measure: {
      id: report.measure.id,
      title: report.measure.title,
      level: report.measure.level,
      direction: report.measure.direction,
      topics: report.measure.topics,
      effective_from: report.measure.effectiveFrom,
      announced_on: report.measure.announcedOn,
    },
    at: iso(report.at),
    anchor: report.options.anchor,
    source: report.options.source,
    topic: report.options.topic,
    windows: {
      before: { from: iso(report.windows.before.fromMs), to: iso(report.windows.before.toMs) },
      after: { from: iso(report.windows.after.fromMs), to: iso(report.windows.after.toMs) },
      earlier_weeks: report.options.weeks,
    },
    complete: report.complete,
    volume: {
      before: volume.before,
      after: volume.after,
      expected_before: volume.expectedBefore,
      expected_after: volume.expectedAfter,
      weeks_used: volume.weeks,
      raw_ratio: volume.rawRatio,
      ratio: volume.ratio,
      ratio_low: volume.low,
      ratio_high: volume.high,
      basis: volume.basis,
      method: VOLUME_METHOD('mentions'),
    },
    sentiment: {
      negative_share_before: sentiment.negativeShareBefore,
      negative_share_after: sentiment.negativeShareAfter,
      expected_before: sentiment.expectedBefore,
      expected_after: sentiment.expectedAfter,
      mean_score_before: sentiment.meanScoreBefore,
      mean_score_after: sentiment.meanScoreAfter,
      shift: sentiment.shift,
      shift_low: sentiment.low,
      shift_high: sentiment.high,
      basis: sentiment.basis,
      method:
        'shift in negative share = (after - expected after) - (before - expected before); 95% Wald (normal approximation) interval for the difference of independent proportions',
    },
    topics: topics.map((row) => ({
      topic: row.topic,
      label: topicLabel(row.topic),
      share_before: row.shareBefore,
      share_after: row.shareAfter,
      growth: row.growth,
      before: row.before,
      after: row.after,
    })),
    questions: questionsJson(questions),
  };
}

export function patternJson(pattern: EffectPattern) {
  return {
    measures: pattern.measures,
    with_volume: pattern.withVolume,
    with_sentiment: pattern.withSentiment,
    volume_ratio: pattern.volumeRatio,
    with_questions: pattern.withQuestions,
    question_ratio: pattern.questionRatio,
    sentiment_shift: pattern.sentimentShift,
    volume_up: pattern.volumeUp,
    volume_down: pattern.volumeDown,
    more_negative: pattern.moreNegative,
    less_negative: pattern.lessNegative,
  };
}
