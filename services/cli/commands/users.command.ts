// onderstroom users create|list|disable: people who sign in to the web pages (API keys are `keys`).
import { Option, type Command } from 'commander';
import { USER_ROLES } from '../../users/user.js';
import { printJson, printLines } from '../output.js';
import { withContext } from '../context.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing line break is the end of the line typed or echoed, not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage the people who sign in to the web pages');

  users
    .command('create')
    .description(
      'create a user; without --password-stdin a one-time password is printed, to change at first sign-in',
    )
    .requiredOption('--name <name>', 'the user name they sign in with')
    .addOption(
      new Option('--role <role>', 'what they may see and do on the web pages')
        .choices(USER_ROLES)
        .makeOptionMandatory(),
    )
    .option('--team <id>', "the team of a team member (one of the config file's teams:)")
    .option('--password-stdin', 'read the password from standard input (the user need not change it)')
    .option('--json', 'print {"id","name","role","team","one_time_password"} as JSON')
    .action(
      async (options: {
        name: string;
        role: string;
        team?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const password = options.passwordStdin ? await readStdin() : null;
        // A refused user (UserInputError) says in English what is wrong; main prints it and exits 1.
        const created = await withContext(async (context) =>
          context.users.users.create({
            name: options.name,
            role: options.role,
            team: options.team ?? null,
            password,
          }),
        );
        const { user, oneTimePassword } = created;
        if (options.json) {
          printJson({
            id: user.id,
            name: user.name,
            role: user.role,
            team: user.teamId,
            one_time_password: oneTimePassword,
          });
          return;
        }
        const who = `Created ${user.role} user "${user.name}"${user.teamId ? ` of team ${user.teamId}` : ''} (id ${user.id}).`;
        printLines(
          oneTimePassword === null
            ? [who]
            : [
                who,
                'One-time password, shown only now; it must be changed at the first sign-in:',
                '',
                `  ${oneTimePassword}`,
              ],
        );
      },
    );

  users
    .command('list')
    .description('list users (never their passwords)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withContext(async (context) => context.users.users.list());
      if (options.json) {
        printJson(list);
        return;
      }
      printLines(
        list.length === 0
          ? ['No users yet: create one with `onderstroom users create --name beheer --role admin`.']
          : list.map(
              (user) =>
                `${user.id.padStart(4)}  ${user.role.padEnd(11)}  ${(user.teamId ?? '-').padEnd(16)}  ${user.name}${user.disabledAt ? `  (disabled ${user.disabledAt.toISOString()})` : user.mustChangePassword ? '  (one-time password not yet changed)' : ''}`,
            ),
      );
    });

  users
    .command('disable')
    .description('disable a user: they can no longer sign in, their sessions end now')
    .argument('<name>', 'the user name')
    .action(async (name: string) => {
      const disabled = await withContext(async (context) => context.users.users.disable(name));
      if (disabled === null)
        throw new Error(`no enabled user named "${name}"; see \`onderstroom users list\``);
      printLines([`Disabled user "${disabled.name}"; their sessions have ended.`]);
    });
}
