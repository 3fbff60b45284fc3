// Inloggen and Uitloggen.
import type { FastifyInstance } from 'fastify';
import { cameOverTls, clientAddress } from '../client.js';
import { echo, field, safeReturnPath } from '../forms.js';
import { requireRole } from '../guard.js';
import { SESSION_COOKIE, type WebServices } from '../web-services.js';

function clock(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(
    at,
  );
}

export function signInRoutes(
  app: FastifyInstance,
  { web }: { web: WebServices },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  app.get('/inloggen', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (request.webUser) return reply.redirect('/', 303);
    const notice =
      request.webSessionExpired || query.verlopen
        ? 'Uw sessie is verlopen. Log opnieuw in.'
        : query.uitgelogd
          ? 'U bent uitgelogd.'
          : null;
    return reply.page('sign-in', 'Inloggen', {
      notice,
      values: { naam: '', terug: safeReturnPath(query.terug ?? '/') },
    });
  });

  app.post('/inloggen', { preHandler: csrf }, async (request, reply) => {
    const name = field(request, 'naam').trim();
    const password = field(request, 'wachtwoord');
    const back = safeReturnPath(field(request, 'terug'));
    const values = { naam: echo(name), terug: back };
    const missing = [
      ...(name === '' ? [{ id: 'naam', label: 'Gebruikersnaam', message: 'Vul uw gebruikersnaam in.' }] : []),
      ...(password === ''
        ? [{ id: 'wachtwoord', label: 'Wachtwoord', message: 'Vul uw wachtwoord in.' }]
        : []),
    ];
    if (missing.length > 0) {
      return reply.status(400).page('sign-in', 'Inloggen', {
        values,
        errors: missing,
        invalid: Object.fromEntries(missing.map((error) => [error.id, true])),
      });
    }
    const result = await web.signIn.signIn({ name, password, clientAddress: clientAddress(request) });
    if (result.kind === 'locked') {
      const message =
        result.by === 'user'
          ? `Te veel mislukte pogingen met deze gebruikersnaam. Inloggen kan weer vanaf ${clock(result.until, web.timezone)} uur, of vraag een beheerder om hulp.`
          : `Te veel mislukte pogingen vanaf dit netwerkadres. Inloggen kan weer vanaf ${clock(result.until, web.timezone)} uur.`;
      return reply.status(429).page('sign-in', 'Inloggen', {
        values,
        errors: [{ id: 'naam', label: 'Gebruikersnaam', message }],
        invalid: { naam: true },
      });
    }
    if (result.kind === 'refused') {
      return reply.status(401).page('sign-in', 'Inloggen', {
        values,
        errors: [
          {
            id: 'wachtwoord',
            label: 'Wachtwoord',
            message:
              'De gebruikersnaam of het wachtwoord klopt niet. Controleer beide en probeer het opnieuw.',
          },
        ],
        invalid: { naam: true, wachtwoord: true },
      });
    }
    // A session id is never reused across a sign-in: the old one (if any) ends, a new one is issued.
    if (request.webSession) await web.sessions.end(request.webSession);
    reply.setCookie(SESSION_COOKIE, result.sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: cameOverTls(request),
    });
    return reply.redirect(result.user.mustChangePassword ? '/wachtwoord' : back, 303);
  });

  app.get('/uitloggen', { preHandler: requireRole() }, async (_request, reply) =>
    reply.page('sign-out', 'Uitloggen'),
  );

  app.post('/uitloggen', { preHandler: csrf }, async (request, reply) => {
    if (request.webSession) await web.sessions.end(request.webSession);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/inloggen?uitgelogd=1', 303);
  });
  done();
}
