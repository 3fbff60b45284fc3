import { describe, expect, it } from 'vitest';
import { payloadIds } from './worker-pool.js';

describe('payloadIds', () => {
  it('names the ids a payload carries as every log line does', () => {
    expect(payloadIds({ sourceId: 'mastodon-huizen' })).toEqual({ sourceId: 'mastodon-huizen' });
    expect(payloadIds({ importId: '42', sourceId: 'obi4wan', batch: 3 })).toEqual({
      importId: '42',
      sourceId: 'obi4wan',
    });
  });

  it('leaves out what is not a string id, and payloads without ids', () => {
    expect(payloadIds({ sourceId: 7, importId: null })).toEqual({});
    expect(payloadIds({ batchSize: 1000 })).toEqual({});
    expect(payloadIds(null)).toEqual({});
    expect(payloadIds('poll')).toEqual({});
  });
});
