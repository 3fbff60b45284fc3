// /admin/queues: the BullMQ board (bull-board) over every queue of the job catalogue, for admins: an admin API key
// or the session of an admin signed in on the web pages. Read-only unless ONDERSTROOM_QUEUE_BOARD_ACTIONS=on (then
// see board-actions.ts). Mounted where the process has the queues.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../api-deps.js';
import { keyOrAdminSession } from '../../plugins/key-or-session.js';
import { boardActionGuard } from './board-actions.js';
import { QUEUE_NAMES } from '../../../jobs/catalogue.js';
import type { Queues } from '../../../jobs/queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

export async function queueBoardRoutes(
  app: FastifyInstance,
  { deps, queues }: { deps: ApiDeps; queues: Queues },
): Promise<void> {
  // The guard, not the auth plugin, decides here (a web session is accepted too); the board's own routes are
  // hidden from the OpenAPI document by bull-board.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), role: 'public' };
  });
  app.addHook(
    'onRequest',
    keyOrAdminSession({
      apiKeys: deps.context.apiKeys,
      sessions: deps.context.users.sessions,
      keyRole: 'admin',
    }),
  );
  const actions = deps.context.env.queueBoardActions;
  if (actions) app.addHook('onRequest', boardActionGuard(QUEUE_BOARD_PATH));
  // The web pages' strict policy, except inline styles (the board's page styles its loading placeholder inline);
  // its web font from Google is refused (no third party). Checked in Chromium by admin-pages.browser.test.ts.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: false,
  });
  // Job lists and their data are not kept by browsers or proxies; the board's static files may be.
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith(`${QUEUE_BOARD_PATH}/static/`)) reply.header('cache-control', 'no-store');
  });

  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    // Read-only by default: the board shows jobs and their state, and refuses retries, removals and pauses (405).
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: !actions })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Onderstroom' } },
  });
  await app.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
