// Wachtwoord wijzigen: also where a one-time password is replaced at the first sign-in.
import type { FastifyInstance } from 'fastify';
import { UserInputError } from '../../users/user.js';
import { field, pageErrors } from '../forms.js';
import { requireRole } from '../guard.js';
import type { WebServices } from '../web-services.js';

const FIELDS = [
  { id: 'huidig', label: 'Huidig wachtwoord', autocomplete: 'current-password', description: '' },
  {
    id: 'nieuw',
    label: 'Nieuw wachtwoord',
    autocomplete: 'new-password',
    description: 'Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden.',
  },
  { id: 'herhaling', label: 'Herhaal het nieuwe wachtwoord', autocomplete: 'new-password', description: '' },
];
const NAMES = {
  current: { id: 'huidig', label: 'Huidig wachtwoord' },
  password: { id: 'nieuw', label: 'Nieuw wachtwoord' },
  repeat: { id: 'herhaling', label: 'Herhaal het nieuwe wachtwoord' },
};

export function passwordRoutes(
  app: FastifyInstance,
  { web }: { web: WebServices },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  app.get('/wachtwoord', { preHandler: requireRole() }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    return reply.page('password', 'Wachtwoord wijzigen', {
      fields: FIELDS,
      forced: request.webUser!.mustChangePassword,
      changed: query.gewijzigd === '1',
    });
  });

  app.post('/wachtwoord', { preHandler: [csrf, requireRole()] }, async (request, reply) => {
    const user = request.webUser!;
    try {
      await web.users.changePassword(
        user,
        {
          current: field(request, 'huidig'),
          next: field(request, 'nieuw'),
          repeat: field(request, 'herhaling'),
        },
        request.webSession!.idHash,
      );
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      return reply.status(400).page('password', 'Wachtwoord wijzigen', {
        fields: FIELDS,
        forced: user.mustChangePassword,
        ...pageErrors(error.problems, NAMES),
      });
    }
    return reply.redirect(user.mustChangePassword ? '/' : '/wachtwoord?gewijzigd=1', 303);
  });
  done();
}
