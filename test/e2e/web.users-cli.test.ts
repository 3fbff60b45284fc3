// `onderstroom users` as a user runs it (the built CLI): a one-time password printed once and usable on the sign-in
// page, list, disable, and clear refusals that store nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import { pg } from '../../services/db/pg-defaults.js';

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  assertBuilt();
  ({ variables, database, dir } = await createTestEnv(
    'questions:\n  default_team: handhaving\n  teams:\n    - id: handhaving\n      name: Handhaving\n',
  ));
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function userRows(): Promise<
  { name: string; role: string; team_id: string | null; disabled: boolean }[]
> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result = await client.query<{
      name: string;
      role: string;
      team_id: string | null;
      disabled: boolean;
    }>('select name, role, team_id, disabled_at is not null as disabled from users order by name');
    return result.rows;
  } finally {
    await client.end();
  }
}

describe('onderstroom users', () => {
  it('creates a user with a one-time password, lists and disables them', async () => {
    const created = await runCli(
      ['users', 'create', '--name', 'h.jansen', '--role', 'team', '--team', 'handhaving'],
      variables,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created team user "h.jansen" of team handhaving/);
    expect(created.stdout).toMatch(/^ {2}[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/m);

    const json = await runCli(
      ['users', 'create', '--name', 'beheer', '--role', 'admin', '--json'],
      variables,
    );
    const parsed = JSON.parse(json.stdout) as { role: string; one_time_password: string };
    expect(parsed.role).toBe('admin');
    expect(parsed.one_time_password).toHaveLength(19);

    const list = await runCli(['users', 'list'], variables);
    expect(list.stdout).toMatch(/team\s+handhaving\s+h\.jansen {2}\(one-time password not yet changed\)/);

    const disabled = await runCli(['users', 'disable', 'h.jansen'], variables);
    expect(disabled.code).toBe(0);
    const again = await runCli(['users', 'disable', 'h.jansen'], variables);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no enabled user named "h.jansen"/);
    expect((await userRows()).find((row) => row.name === 'h.jansen')?.disabled).toBe(true);
  }, 120_000);

  it('refuses an unknown role or team, a taken name and an empty --password-stdin, storing nothing', async () => {
    const before = await userRows();
    const role = await runCli(['users', 'create', '--name', 'x1', '--role', 'burgemeester'], variables);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toMatch(/burgemeester/);
    const team = await runCli(
      ['users', 'create', '--name', 'x2', '--role', 'team', '--team', 'geheim'],
      variables,
    );
    expect(team.code).toBe(1);
    expect(team.stderr).toMatch(/unknown team "geheim"; use one of handhaving/);
    const taken = await runCli(['users', 'create', '--name', 'BEHEER', '--role', 'kcc'], variables);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/a user named "BEHEER" already exists/);
    const empty = await runCli(
      ['users', 'create', '--name', 'x3', '--role', 'kcc', '--password-stdin'],
      variables,
    );
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/at least 12 characters/);
    expect(await userRows()).toEqual(before);
  }, 120_000);
});
