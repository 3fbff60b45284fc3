import Fastify from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntervalParam, MetricParam } from '../schemas/series.schema.js';
import { errorsPlugin } from './errors.plugin.js';

const app = Fastify({
  ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
});

beforeAll(async () => {
  await app.register(errorsPlugin);
  app.get(
    '/probe',
    {
      schema: {
        querystring: Type.Object({
          metric: MetricParam,
          interval: IntervalParam,
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    () => ({ ok: true }),
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function message(query: string): Promise<string> {
  const response = await app.inject({ method: 'GET', url: `/probe?${query}` });
  expect(response.statusCode).toBe(400);
  return response.json<{ message: string }>().message;
}

describe('the error handler', () => {
  it('lists the allowed values of an enumerated parameter in one line', async () => {
    expect(await message('metric=volumes&interval=1h')).toBe(
      'querystring.metric must be one of: volume, negative_share, positive_share, neutral_share, mean_score, reach',
    );
  });

  it('names each bad enumerated parameter once, and keeps other problems as they were', async () => {
    const text = await message('metric=x&interval=2h&limit=0');
    expect(text).toBe(
      'querystring.metric must be one of: volume, negative_share, positive_share, neutral_share, mean_score, reach; ' +
        'querystring.interval must be one of: 5m, 1h, 1d, auto; querystring.limit: must be >= 1',
    );
    expect(text).not.toMatch(/equal to constant|anyOf/);
  });
});
