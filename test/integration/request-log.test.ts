// The API logs one line per request (method, url, status, duration, request id), not Fastify's two.
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  api = await buildCheckedApi({ context: t.context, redisHealth: () => Promise.resolve('ok') }, { logger });
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

it('writes exactly one log line for one request', async () => {
  lines.length = 0;
  const answer = await api.inject({ method: 'GET', url: '/api/v1/measures' });
  expect(answer.statusCode).toBe(401);
  expect(lines).toHaveLength(1);
  const record = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(record).toMatchObject({
    method: 'GET',
    url: '/api/v1/measures',
    route: '/api/v1/measures',
    status: 401,
    level: 30,
  });
  expect(typeof record.ms).toBe('number');
  expect(typeof record.reqId).toBe('string');
  expect(record.msg).toMatch(/^GET \/api\/v1\/measures 401 \d+ ms$/);
});

it('names the route pattern beside the raw URL, with the request id pino gives every line', async () => {
  lines.length = 0;
  await api.inject({ method: 'GET', url: '/api/v1/alerts/4711?from=1' });
  await api.inject({ method: 'GET', url: '/api/v1/alerts/4712' });
  const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(first).toMatchObject({ url: '/api/v1/alerts/4711?from=1', route: '/api/v1/alerts/:id' });
  expect(second).toMatchObject({ url: '/api/v1/alerts/4712', route: '/api/v1/alerts/:id' });
  // One id per request, so the lines of one request can be told from another's.
  expect(typeof first!.reqId).toBe('string');
  expect(first!.reqId).not.toBe(second!.reqId);
});
