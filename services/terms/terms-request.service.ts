// GET /api/v1/terms/emerging as it is asked: from/to (the last day when from is absent), source and topic checked,
// the baseline as a duration; answered with the rows of the API.
import { parseDuration } from '../config/duration.js';
import { badRequest } from '../request-error.js';
import { resolveRange } from '../series/range.js';
import type { SeriesService } from '../series/series.service.js';
import type { TermsService } from './terms.service.js';

const DAY_MS = 86_400_000;

export interface EmergingTermsRequest {
  from?: string;
  to?: string;
  source: string;
  topic: string;
  /** How far back the comparison reaches, e.g. 7d. */
  baseline: string;
  limit: number;
}

export interface EmergingTermRow {
  term: string;
  window_count: number;
  baseline_count: number;
  ratio: number;
  g2: number;
}

export class TermsRequestService {
  constructor(
    private readonly deps: {
      terms: Pick<TermsService, 'emerging'>;
      series: Pick<SeriesService, 'checkDimensions'>;
      timeZone: string;
      now?: () => number;
    },
  ) {}

  async emerging(q: EmergingTermsRequest): Promise<EmergingTermRow[]> {
    const now = (this.deps.now ?? Date.now)();
    const range = resolveRange(q.from ?? String(now - DAY_MS), q.to, this.deps.timeZone, now);
    this.deps.series.checkDimensions(q.source, q.topic);
    let baselineMs: number;
    try {
      baselineMs = parseDuration(q.baseline);
    } catch (error) {
      throw badRequest(`baseline: ${(error as Error).message}`);
    }
    const terms = await this.deps.terms.emerging({
      ...range,
      sourceKind: q.source === 'all' ? null : q.source,
      topic: q.topic === 'all' ? null : q.topic,
      baselineMs,
      limit: q.limit,
    });
    return terms.map((term) => ({
      term: term.term,
      window_count: term.windowCount,
      baseline_count: term.baselineCount,
      ratio: term.ratio,
      g2: term.g2,
    }));
  }
}
