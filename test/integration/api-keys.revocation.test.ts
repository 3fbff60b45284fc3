// Key revocation across running API instances: a key revoked through one instance is refused by the next request
// on another, with no cache window in between.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let second: AppContext;
let apiA: Api;
let apiB: Api;

beforeAll(async () => {
  t = await createTestContext();
  // A second process's worth of API: its own context (own key service) on the same database.
  second = await createAppContext(t.env, { log: pino({ level: 'warn' }), migrate: false });
  const redisHealth = () => Promise.resolve('ok');
  apiA = await buildCheckedApi({ context: t.context, redisHealth }, { logger: false });
  apiB = await buildCheckedApi({ context: second, redisHealth }, { logger: false });
});
afterAll(async () => {
  await apiA?.close();
  await apiB?.close();
  await second?.close();
  await t?.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('revoking a key', () => {
  it('revoked through one API instance, the next request on another instance is 401', async () => {
    const admin = (await t.context.apiKeys.create('admin', 'admin')).key;
    const viewer = await t.context.apiKeys.create('dashboard', 'viewer');
    const series =
      '/api/v1/series?metric=volume&from=2021-01-01T00:00:00Z&to=2021-01-02T00:00:00Z&interval=1h';
    // Both instances have just accepted the key (and would have it cached).
    expect((await apiA.inject({ url: series, headers: bearer(viewer.key) })).statusCode).toBe(200);
    expect((await apiB.inject({ url: series, headers: bearer(viewer.key) })).statusCode).toBe(200);

    const revoked = await apiA.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${viewer.record.id}`,
      headers: bearer(admin),
    });
    expect(revoked.statusCode).toBeLessThan(300);

    const after = await apiB.inject({ url: series, headers: bearer(viewer.key) });
    expect(after.statusCode).toBe(401);
    expect((await apiA.inject({ url: series, headers: bearer(viewer.key) })).statusCode).toBe(401);
  });
});
