// Gebruikers (admins only): the list, a new user with a one-time password shown once, and disabling.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../users/user.js';
import { USER_ROLES, UserInputError } from '../../users/user.js';
import { echo, field, pageErrors } from '../forms.js';
import { requireRole } from '../guard.js';
import { ROLE_LABELS, type PageError } from '../messages.js';
import type { WebServices } from '../web-services.js';

const NAMES = {
  name: { id: 'naam', label: 'Gebruikersnaam' },
  role: { id: 'rol', label: 'Rol' },
  team: { id: 'team', label: 'Team' },
};

export function usersRoutes(
  app: FastifyInstance,
  { web }: { web: WebServices },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  const admin = requireRole('admin');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    data: {
      created?: { name: string; roleLabel: string; password: string };
      notice?: string;
      errors?: PageError[];
      invalid?: Record<string, true>;
      values?: { naam: string; rol: string; team: string };
    } = {},
  ) {
    const users = await web.users.list();
    const self = request.webUser!;
    return reply.page('users', 'Gebruikers', {
      users: users.map((user: User) => ({
        name: user.name,
        roleLabel: ROLE_LABELS[user.role],
        teamName: web.users.teamName(user.teamId),
        status: user.disabledAt
          ? 'uitgeschakeld'
          : user.mustChangePassword
            ? 'actief, eenmalig wachtwoord nog niet gewijzigd'
            : 'actief',
        canDisable: user.disabledAt === null && user.id !== self.id,
      })),
      roles: USER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
      teams: web.users.teams,
      values: { naam: '', rol: '', team: '' },
      ...data,
    });
  }

  app.get('/gebruikers', { preHandler: admin }, async (request, reply) => render(request, reply));

  app.post('/gebruikers', { preHandler: [csrf, admin] }, async (request, reply) => {
    const values = { naam: field(request, 'naam'), rol: field(request, 'rol'), team: field(request, 'team') };
    try {
      const created = await web.users.create({
        name: values.naam,
        role: values.rol,
        team: values.team || null,
      });
      return await render(request, reply, {
        created: {
          name: created.user.name,
          roleLabel: ROLE_LABELS[created.user.role],
          password: created.oneTimePassword!,
        },
      });
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      reply.status(400);
      return render(request, reply, {
        ...pageErrors(error.problems, NAMES),
        values: { naam: echo(values.naam), rol: echo(values.rol), team: echo(values.team) },
      });
    }
  });

  app.post('/gebruikers/uitschakelen', { preHandler: [csrf, admin] }, async (request, reply) => {
    const name = field(request, 'naam');
    if (name.trim().toLowerCase() === request.webUser!.name.toLowerCase()) {
      reply.status(400);
      return render(request, reply, {
        errors: [{ id: 'inhoud', label: 'Uitschakelen', message: 'U kunt uzelf niet uitschakelen.' }],
      });
    }
    const disabled = await web.users.disable(name);
    if (disabled === null) {
      reply.status(404);
      return render(request, reply, {
        errors: [
          {
            id: 'inhoud',
            label: 'Uitschakelen',
            message: 'Er is geen actieve gebruiker met deze naam; misschien is hij al uitgeschakeld.',
          },
        ],
      });
    }
    return render(request, reply, {
      notice: `Gebruiker ${disabled.name} is uitgeschakeld en is overal uitgelogd.`,
    });
  });
  done();
}
