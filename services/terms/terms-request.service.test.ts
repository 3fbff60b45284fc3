import { describe, expect, it } from 'vitest';
import { RequestError } from '../request-error.js';
import { TermsRequestService } from './terms-request.service.js';
import type { TermsQuery } from './terms.service.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

function service(asked: TermsQuery[]) {
  return new TermsRequestService({
    terms: {
      emerging: (query) => {
        asked.push(query);
        return Promise.resolve([{ term: 'avondklok', windowCount: 9, baselineCount: 2, ratio: 4.5, g2: 21 }]);
      },
    },
    series: { checkDimensions: () => undefined },
    timeZone: 'Europe/Amsterdam',
    now: () => NOW,
  });
}

describe('TermsRequestService.emerging', () => {
  it('reads the last day when no from is given, all as no filter, and answers in API rows', async () => {
    const asked: TermsQuery[] = [];
    const rows = await service(asked).emerging({
      source: 'all',
      topic: 'avondklok',
      baseline: '7d',
      limit: 5,
    });
    expect(asked).toEqual([
      {
        fromMs: NOW - 86_400_000,
        toMs: NOW,
        sourceKind: null,
        topic: 'avondklok',
        baselineMs: 7 * 86_400_000,
        limit: 5,
      },
    ]);
    expect(rows).toEqual([{ term: 'avondklok', window_count: 9, baseline_count: 2, ratio: 4.5, g2: 21 }]);
  });

  it('refuses a baseline that is not a duration with a 400 naming it', async () => {
    const asked: TermsQuery[] = [];
    const refusal = service(asked).emerging({ source: 'all', topic: 'all', baseline: 'week', limit: 5 });
    await expect(refusal).rejects.toBeInstanceOf(RequestError);
    await expect(refusal).rejects.toThrow(/^baseline: /);
    expect(asked).toEqual([]);
  });
});
