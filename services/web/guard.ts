// requireRole(...): the guard every page states. Not signed in (or the session ended): to the sign-in page, with
// the way back. A one-time password not yet changed: to the password page. Another role: a 403 page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../users/user.js';

/** With no roles, anyone signed in may see the page. */
export function requireRole(...roles: UserRole[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const user = request.webUser;
    if (user === null) {
      const back = request.method === 'GET' ? request.url : '/';
      const reason = request.webSessionExpired ? '&verlopen=1' : '';
      await reply.redirect(`/inloggen?terug=${encodeURIComponent(back)}${reason}`, 303);
      return;
    }
    if (user.mustChangePassword && request.routeOptions.url !== '/wachtwoord') {
      await reply.redirect('/wachtwoord', 303);
      return;
    }
    if (roles.length > 0 && !roles.includes(user.role)) {
      await reply.status(403).page('message', 'Geen toegang', {
        heading: 'Geen toegang',
        message: 'Deze pagina is niet beschikbaar voor uw rol.',
        link: { href: '/', label: 'Naar de startpagina' },
      });
    }
  };
}
