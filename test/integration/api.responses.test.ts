// Every route under /api, /grafana and /health declares the errors it can answer, in the one ErrorResponse shape,
// and that shape is what the error handler really sends.
import Fastify, { type RouteOptions } from 'fastify';
import Value from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPlugin, type Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { ErrorResponse } from '../../services/api/schemas/error.schema.js';
import { createTestContext, type TestContext } from '../support/context.js';

interface DeclaredRoute {
  method: RouteOptions['method'];
  url: string;
  schema?: RouteOptions['schema'];
  config?: { role?: string };
}

const CHECKED = /^\/(api|grafana|health)(\/|$)/;

/** What a route fails to declare: 400 when it takes input, 401/403 when it needs a key, 500/503 always. */
function undeclaredErrors(route: DeclaredRoute): string[] {
  // Hidden routes are no part of the contract: the Swagger UI's page and files under /api/docs.
  if (!CHECKED.test(route.url) || route.schema?.hide === true) return [];
  const schema = route.schema ?? {};
  const response = (schema.response ?? {}) as Record<string, unknown>;
  const needed = ['500', '503'];
  if (schema.querystring !== undefined || schema.params !== undefined || schema.body !== undefined)
    needed.push('400');
  if ((route.config?.role ?? 'viewer') !== 'public') needed.push('401', '403');
  const name = `${String(route.method)} ${route.url}`;
  const problems = needed.filter((code) => !(code in response)).map((code) => `${name}: no ${code}`);
  // /health answers its own 503 (the report, degraded); every other error answer is the one shape.
  const own = route.url.startsWith('/health') ? ['503'] : [];
  for (const [code, declared] of Object.entries(response)) {
    if (Number(code) >= 400 && !own.includes(code) && declared !== ErrorResponse)
      problems.push(`${name}: ${code} is not ErrorResponse`);
  }
  return problems;
}

let t: TestContext;
let api: Api;
const routes: DeclaredRoute[] = [];

beforeAll(async () => {
  t = await createTestContext();
  const deps = { context: t.context, redisHealth: () => Promise.resolve('ok') };
  // The same plugin tree buildApi registers, into an instance that records each route as it is added.
  const recorder = Fastify();
  recorder.addHook('onRoute', (route) => {
    routes.push(route);
  });
  await recorder.register(apiPlugin, { deps });
  await recorder.ready();
  await recorder.close();
  api = await buildCheckedApi(deps, { logger: false });
});
afterAll(async () => {
  await api.close();
  await t.close();
});

describe('declared error responses', () => {
  it('finds the routes of every kind', () => {
    const urls = new Set(routes.map((route) => route.url));
    for (const url of [
      '/health',
      '/api/v1/series',
      '/api/v1/mentions',
      '/api/v1/mentions/export.csv',
      '/api/v1/mentions/:id/sentiment',
      '/api/v1/keys/:id',
      '/api/v1/questions/:id/close',
      '/grafana/series',
      '/grafana/sources',
      '/grafana/questions/teams',
    ])
      expect(urls, url).toContain(url);
  });

  it('are declared by every route under /api, /grafana and /health', () => {
    expect(routes.flatMap(undeclaredErrors)).toEqual([]);
  });

  it('would be missed: a route without them is named', () => {
    expect(
      undeclaredErrors({
        method: 'GET',
        url: '/api/v1/example',
        schema: { querystring: { type: 'object' }, response: { 200: { type: 'array' }, 500: ErrorResponse } },
      }),
    ).toEqual([
      'GET /api/v1/example: no 503',
      'GET /api/v1/example: no 400',
      'GET /api/v1/example: no 401',
      'GET /api/v1/example: no 403',
    ]);
    expect(
      undeclaredErrors({
        method: 'GET',
        url: '/grafana/example',
        config: { role: 'public' },
        schema: { response: { 500: ErrorResponse, 503: { type: 'object' } } },
      }),
    ).toEqual(['GET /grafana/example: 503 is not ErrorResponse']);
    expect(undeclaredErrors({ method: 'GET', url: '/vragen', schema: {} })).toEqual([]);
  });
});

describe('ErrorResponse', () => {
  it('is what the error handler sends for 400, 401, 403 and 404', async () => {
    const analyst = (await t.context.apiKeys.create('analyst', 'analyst')).key;
    const viewer = (await t.context.apiKeys.create('viewer', 'viewer')).key;
    const answers = [
      await api.inject({ url: '/api/v1/series?interval=7m', headers: { authorization: `Bearer ${viewer}` } }),
      await api.inject({ url: '/grafana/series' }),
      await api.inject({ url: '/grafana/mentions/top', headers: { authorization: `Bearer ${viewer}` } }),
      await api.inject({ url: '/api/v1/alerts/999', headers: { authorization: `Bearer ${analyst}` } }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([400, 401, 403, 404]);
    for (const answer of answers) {
      const body: unknown = answer.json();
      expect(Value.Check(ErrorResponse, body), answer.body).toBe(true);
      expect(Object.keys(body as object).sort()).toEqual(['error', 'message']);
    }
    expect(answers.map((answer) => answer.json<{ error: string }>().error)).toEqual([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
    ]);
  });
});
