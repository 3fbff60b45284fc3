// The BullMQ board at /admin/queues: admins only (an admin key or an admin's web session), every queue of the job
// catalogue listed, read-only (actions refused by the board itself) unless switched on, a CSP on its page, absent
// without queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection } from '../../services/jobs/redis-connection.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
let queues: Queues;
const keys: Record<string, string> = {};
const sessions: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
  const connection = producerConnection(t.env.redisUrl);
  queues = new Queues(connection, t.env.queuePrefix);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok'), queues },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`board ${role}`, role)).key;
  for (const role of ['admin', 'coordinator'] as const) {
    const created = await t.context.users.users.create({
      name: `board.${role}`,
      role,
      password: 'een-lang-genoeg-wachtwoord',
    });
    sessions[role] = (await t.context.users.sessions.start(created.user)).id;
  }
  await queues.add('detect.tick', {}, { jobId: 'board-test-tick' });
});
afterAll(async () => {
  await api?.close();
  // Only this file's queues: obliterate removes every key under its own prefix.
  for (const name of QUEUE_NAMES) await queues?.queue(name).obliterate({ force: true });
  await queues?.close();
  queues?.connection.disconnect();
  await t?.close();
});

const asKey = (role: string) => ({ authorization: `Bearer ${keys[role]}` });
const asUser = (role: string) => ({ cookie: `onderstroom_sessie=${sessions[role]}` });

describe('/admin/queues', () => {
  it('answers 401 with neither a key nor a session', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
      const response = await api.inject({ url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json<{ error: string }>().error).toBe('unauthorized');
    }
    const unknown = await api.inject({
      url: '/admin/queues',
      headers: { authorization: 'Bearer ods_not-a-real-key' },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('answers 403 to keys and users that are not admins', async () => {
    for (const headers of [asKey('viewer'), asKey('analyst'), asUser('coordinator')]) {
      const response = await api.inject({ url: '/admin/queues/api/queues', headers });
      expect(response.statusCode).toBe(403);
      expect(response.json<{ message: string }>().message).toMatch(/admin/);
    }
  });

  it('shows the board to an admin key and an admin session, with every queue of the catalogue', async () => {
    for (const headers of [asKey('admin'), asUser('admin')]) {
      const page = await api.inject({ url: '/admin/queues', headers });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const policy = String(page.headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("default-src 'none'");
      expect(page.headers['cache-control']).toBe('no-store');
      const listed = await api.inject({ url: '/admin/queues/api/queues?activeQueue=detect', headers });
      expect(listed.statusCode).toBe(200);
      const body = listed.json<{ queues: { name: string; readOnlyMode: boolean }[] }>();
      expect(body.queues.map((queue) => queue.name).sort()).toEqual([...QUEUE_NAMES].sort());
      expect(body.queues.every((queue) => queue.readOnlyMode)).toBe(true);
      expect(listed.body).toContain('board-test-tick');
    }
  });

  it('serves its own scripts and styles to the admin', async () => {
    const page = await api.inject({ url: '/admin/queues', headers: asKey('admin') });
    const assets = [...page.body.matchAll(/(?:src|href)="(static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const response = await api.inject({ url: `/admin/queues/${asset}`, headers: asKey('admin') });
      expect(response.statusCode, asset).toBe(200);
    }
  });

  it('refuses actions: the board is read-only', async () => {
    const pause = await api.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/detect/pause',
      headers: asKey('admin'),
    });
    expect(pause.statusCode).toBe(405);
    expect(await queues.queue('detect').isPaused()).toBe(false);
  });

  it('offers actions only when ONDERSTROOM_QUEUE_BOARD_ACTIONS is on, to admins, from its own page', async () => {
    const acting = await buildCheckedApi(
      {
        context: { ...t.context, env: { ...t.context.env, queueBoardActions: true } },
        redisHealth: () => Promise.resolve('ok'),
        queues,
      },
      { logger: false },
    );
    try {
      const listed = await acting.inject({ url: '/admin/queues/api/queues', headers: asKey('admin') });
      expect(
        listed.json<{ queues: { readOnlyMode: boolean }[] }>().queues.every((q) => !q.readOnlyMode),
      ).toBe(true);
      const pauseUrl = '/admin/queues/api/queues/detect/pause';
      const resumeUrl = '/admin/queues/api/queues/detect/resume';
      const forbidden = await acting.inject({ method: 'PUT', url: pauseUrl, headers: asKey('analyst') });
      expect(forbidden.statusCode).toBe(403);
      // A page elsewhere that makes the signed-in admin's browser send the action: refused, nothing paused.
      const foreign = await acting.inject({
        method: 'PUT',
        url: pauseUrl,
        headers: { ...asUser('admin'), host: 'ods.test', origin: 'https://elders.example' },
      });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json<{ message: string }>().message).toMatch(/Origin/);
      const bare = await acting.inject({
        method: 'PUT',
        url: pauseUrl,
        headers: { ...asUser('admin'), host: 'ods.test' },
      });
      expect(bare.statusCode).toBe(403);
      expect(await queues.queue('detect').isPaused()).toBe(false);

      const own = await acting.inject({
        method: 'PUT',
        url: pauseUrl,
        headers: { ...asUser('admin'), host: 'ods.test', origin: 'http://ods.test' },
      });
      expect(own.statusCode).toBeLessThan(300);
      expect(await queues.queue('detect').isPaused()).toBe(true);
      const resumed = await acting.inject({ method: 'PUT', url: resumeUrl, headers: asKey('admin') });
      expect(resumed.statusCode).toBeLessThan(300);
      expect(await queues.queue('detect').isPaused()).toBe(false);

      // A delayed job promoted by an admin key runs now; adding a job by hand stays refused.
      await queues.add('detect.tick', {}, { jobId: 'board-delayed', delay: 3_600_000 });
      const promoted = await acting.inject({
        method: 'PUT',
        url: '/admin/queues/api/queues/detect/board-delayed/promote',
        headers: asKey('admin'),
      });
      expect(promoted.statusCode).toBeLessThan(300);
      expect(await queues.queue('detect').getJobState('board-delayed')).toBe('waiting');
      const added = await acting.inject({
        method: 'POST',
        url: '/admin/queues/api/queues/detect/add',
        headers: asKey('admin'),
        payload: { name: 'detect.tick', data: {} },
      });
      expect(added.statusCode).toBe(405);
    } finally {
      await acting.close();
    }
  });

  it('is not mounted without the queues (a process that is not the API role)', async () => {
    const bare = await buildCheckedApi(
      { context: t.context, redisHealth: () => Promise.resolve('ok') },
      { logger: false },
    );
    const response = await bare.inject({ url: '/admin/queues/api/queues', headers: asKey('admin') });
    expect(response.statusCode).toBe(404);
    await bare.close();
  });
});
