import { describe, expect, it } from 'vitest';
import { actionFromOwnPage, headerHost, offeredAction } from './board-actions.js';

describe('offeredAction', () => {
  it('offers retry, promote, clean, pause and resume', () => {
    for (const path of [
      '/api/queues/pause',
      '/api/queues/resume',
      '/api/queues/detect/pause',
      '/api/queues/detect/promote',
      '/api/queues/detect/retry/failed',
      '/api/queues/detect/clean/completed',
      '/api/queues/detect/job-1/retry',
      '/api/queues/detect/job-1/clean',
      '/api/queues/detect/job-1/promote',
    ]) {
      expect(offeredAction('PUT', path), path).toBe(true);
    }
  });

  it('refuses adding, editing and removing what Onderstroom itself manages', () => {
    expect(offeredAction('POST', '/api/queues/detect/add')).toBe(false);
    expect(offeredAction('PUT', '/api/queues/detect/obliterate')).toBe(false);
    expect(offeredAction('PUT', '/api/queues/detect/empty')).toBe(false);
    expect(offeredAction('PUT', '/api/queues/detect/concurrency')).toBe(false);
    expect(offeredAction('PATCH', '/api/queues/detect/job-1/update-data')).toBe(false);
    expect(offeredAction('PUT', '/api/queues/detect/job-schedulers/tick/remove')).toBe(false);
    expect(offeredAction('POST', '/api/metrics/history/purge')).toBe(false);
    expect(offeredAction('GET', '/api/queues/detect/pause')).toBe(false);
  });
});

describe('actionFromOwnPage', () => {
  const put = (headers: Record<string, string>) => ({
    method: 'PUT',
    headers: { host: 'ods.huizen.nl', ...headers },
  });

  it('lets reads and API-key actions through', () => {
    expect(actionFromOwnPage({ method: 'GET', headers: {} })).toBe(true);
    expect(actionFromOwnPage(put({ authorization: 'Bearer ods_x', origin: 'https://evil.example' }))).toBe(
      true,
    );
  });

  it('lets a session action through only from its own host', () => {
    expect(actionFromOwnPage(put({ origin: 'https://ods.huizen.nl' }))).toBe(true);
    expect(actionFromOwnPage(put({ referer: 'https://ods.huizen.nl/admin/queues/queue/detect' }))).toBe(true);
    expect(actionFromOwnPage(put({ origin: 'https://evil.example' }))).toBe(false);
    expect(actionFromOwnPage(put({ origin: 'null', referer: 'https://evil.example/x' }))).toBe(false);
    expect(actionFromOwnPage(put({}))).toBe(false);
    expect(actionFromOwnPage({ method: 'PUT', headers: { origin: 'https://ods.huizen.nl' } })).toBe(false);
  });

  it('reads hosts with their port', () => {
    expect(headerHost('http://127.0.0.1:8080/admin')).toBe('127.0.0.1:8080');
    expect(headerHost('not a url')).toBeNull();
  });
});
