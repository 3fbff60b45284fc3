// The start page: who you are, your role and team, and the pages your role can open.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../guard.js';
import { ROLE_TEXTS } from '../messages.js';
import type { WebServices } from '../web-services.js';

export function startRoutes(
  app: FastifyInstance,
  { web }: { web: WebServices },
  done: (error?: Error) => void,
): void {
  app.get('/', { preHandler: requireRole() }, async (request, reply) => {
    const user = request.webUser!;
    const links = web.navigation.for(user, '/').filter((item) => item.href !== '/');
    links.push({
      href: '/uitloggen',
      label: 'Uitloggen',
      roles: [],
      description: 'uw sessie beëindigen',
      current: false,
    });
    return reply.page('start', 'Start', { roleText: ROLE_TEXTS[user.role], links });
  });
  done();
}
