// onderstroom keys create|list|revoke: API keys, shown once at creation and stored hashed.
import { Option, type Command } from 'commander';
import { ROLES } from '../../auth/api-keys.service.js';
import type { Role } from '../../auth/role.js';
import { localTime, printJson, printLines, printableTable } from '../output.js';
import { withContext } from '../context.js';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage API keys');

  keys
    .command('create')
    .description('create an API key; it is printed once, store it now')
    .addOption(
      new Option('--role <role>', 'viewer sees aggregates, analyst also text, admin also configuration')
        .choices(ROLES)
        .makeOptionMandatory(),
    )
    .requiredOption('--name <name>', 'who or what uses the key (for example grafana)')
    .option('--json', 'print {"id","name","role","key"} as JSON')
    .action(async (options: { role: Role; name: string; json?: boolean }) => {
      const created = await withContext((context) => context.apiKeys.create(options.name, options.role));
      if (options.json) {
        printJson({
          id: created.record.id,
          name: created.record.name,
          role: created.record.role,
          key: created.key,
        });
      } else {
        printLines([
          `Created ${created.record.role} key "${created.record.name}" (id ${created.record.id}). It is shown only now:`,
          '',
          `  ${created.key}`,
          '',
          'Send it as: Authorization: Bearer <key>',
        ]);
      }
    });

  keys
    .command('list')
    .description('list API keys (never the keys themselves)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { records, timeZone } = await withContext(async (context) => ({
        records: await context.apiKeys.list(),
        timeZone: context.config.timezone,
      }));
      if (options.json) {
        printJson(records);
        return;
      }
      const when = (at: Date | null) => (at === null ? null : localTime(at, timeZone));
      printLines(
        records.length === 0
          ? ['No API keys yet: create one with `onderstroom keys create --role viewer --name grafana`.']
          : printableTable(
              [
                { header: 'ID', value: (r) => r.id, align: 'right' },
                { header: 'ROLE', value: (r) => r.role },
                { header: 'KEY', value: (r) => `${r.keyPrefix}…` },
                { header: 'NAME', value: (r) => r.name },
                { header: 'PUSH SOURCE', value: (r) => r.pushSourceId },
                { header: 'CREATED', value: (r) => when(r.createdAt) },
                { header: 'LAST USED', value: (r) => when(r.lastUsedAt) },
                { header: 'REVOKED', value: (r) => when(r.revokedAt) },
              ],
              records,
            ),
      );
    });

  keys
    .command('revoke')
    .description('revoke an API key by id')
    .argument('<id>', 'the key id (see keys list)')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id)) throw new Error(`"${id}" is not a key id; see \`onderstroom keys list\``);
      const revoked = await withContext((context) => context.apiKeys.revoke(id));
      if (!revoked) throw new Error(`no active key with id ${id}`);
      printLines([`Revoked key ${id}.`]);
    });
}
