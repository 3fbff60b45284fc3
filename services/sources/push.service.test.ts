// Pushed mentions against in-memory fakes of the ingest path and the source rows: which key may push where (and
// why not, in words), the source row synced once per process, and the answer's new / duplicate / rejected split,
// exactly once per (source, external id), also for an id twice in one batch.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeIngest } from '../../test/fakes/memory/ingest.fake.js';
import { FakeSourcesRepository } from '../../test/fakes/memory/sources.fake.js';
import { RequestError } from '../request-error.js';
import { PushService, type PushCaller, type PushedMention } from './push.service.js';
import type { SourceConfig } from './sources.schema.js';

const CONFIGURED: SourceConfig[] = [
  { id: 'webcare', kind: 'push', enabled: true },
  { id: 'oud-panel', kind: 'push', enabled: false },
  { id: 'mastodon-nl', kind: 'mastodon', enabled: true } as SourceConfig,
];

const admin: PushCaller = { role: 'admin', pushSourceId: null };
const webcareKey: PushCaller = { role: 'viewer', pushSourceId: 'webcare' };
const analyst: PushCaller = { role: 'analyst', pushSourceId: null };

const mention = (id: string, text = `Bericht ${id}`): PushedMention => ({
  external_id: id,
  posted_at: '2026-12-06T10:00:00Z',
  text,
});

let ingest: FakeIngest;
let sources: FakeSourcesRepository;
let service: PushService;

beforeEach(() => {
  ingest = new FakeIngest();
  sources = new FakeSourcesRepository();
  service = new PushService({ configured: CONFIGURED, sources, ingest });
});

function refusal(run: () => unknown): RequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    return error as RequestError;
  }
  throw new Error('expected a refusal');
}

describe('PushService.resolveSource', () => {
  it('lets a source key push only to its source, and an admin to a push source it names', () => {
    expect(service.resolveSource(webcareKey, undefined)).toBe('webcare');
    expect(service.resolveSource(webcareKey, 'webcare')).toBe('webcare');
    expect(service.resolveSource(admin, 'webcare')).toBe('webcare');
    const elsewhere = refusal(() => service.resolveSource(webcareKey, 'oud-panel'));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.message).toBe('this key may push only to the source "webcare", not "oud-panel"');
    expect(refusal(() => service.resolveSource(analyst, 'webcare')).statusCode).toBe(403);
    expect(refusal(() => service.resolveSource(admin, undefined)).message).toBe(
      'body.source: name the push source (an id from sources: in the config)',
    );
  });

  it('refuses a source that is not a configured push source (404) or is disabled (409)', () => {
    const polled = refusal(() => service.resolveSource(admin, 'mastodon-nl'));
    expect(polled.statusCode).toBe(404);
    expect(polled.message).toBe(
      'no push source "mastodon-nl" is configured; add { id: mastodon-nl, kind: push } under sources:',
    );
    const disabled = refusal(() => service.resolveSource(admin, 'oud-panel'));
    expect(disabled.statusCode).toBe(409);
    expect(disabled.message).toBe('the push source "oud-panel" is disabled in the configuration');
  });
});

describe('PushService.push', () => {
  it('stores each mention once: a repeat is a duplicate, an id twice in one batch is new once', async () => {
    const first = await service.push(webcareKey, { mentions: [mention('a'), mention('b'), mention('a')] });
    expect(first).toEqual({
      source: 'webcare',
      received: 3,
      new: ['a', 'b'],
      duplicates: ['a'],
      rejected: [],
    });
    const again = await service.push(webcareKey, { mentions: [mention('b'), mention('c')] });
    expect(again).toMatchObject({ new: ['c'], duplicates: ['b'] });
    expect(ingest.storedIds('webcare').sort()).toEqual(['a', 'b', 'c']);
    expect(ingest.calls).toEqual([
      { sourceId: 'webcare', sourceKind: 'push', items: 3 },
      { sourceId: 'webcare', sourceKind: 'push', items: 2 },
    ]);
  });

  it('counts an id new under its stored (trimmed) form', async () => {
    const result = await service.push(webcareKey, { mentions: [mention(' a '), mention('a')] });
    expect(result).toMatchObject({ new: [' a '], duplicates: ['a'] });
  });

  it('reports a rejected mention by its position and id, storing the rest', async () => {
    ingest.rejections.set('b', 'posted_at: "gisteren" is not a date');
    const result = await service.push(admin, { source: 'webcare', mentions: [mention('a'), mention('b')] });
    expect(result).toMatchObject({
      new: ['a'],
      duplicates: [],
      rejected: [{ index: 1, external_id: 'b', reason: 'posted_at: "gisteren" is not a date' }],
    });
  });

  it('syncs the source row once per process, before the first batch', async () => {
    await service.push(webcareKey, { mentions: [mention('a')] });
    await service.push(webcareKey, { mentions: [mention('b')] });
    expect(sources.syncs).toEqual([[{ id: 'webcare', kind: 'push', enabled: true }]]);
    expect(sources.row('webcare')).toEqual({ kind: 'push', enabled: true });
  });

  it('stores nothing and syncs nothing for a caller that may not push', async () => {
    await expect(service.push(analyst, { source: 'webcare', mentions: [mention('a')] })).rejects.toThrow(
      'pushing mentions needs an admin key',
    );
    expect(ingest.calls).toEqual([]);
    expect(sources.syncs).toEqual([]);
  });
});
