// The template clean-up must never remove what another checkout or CI run on the same PostgreSQL still uses.
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import setup from '../global-setup.js';
import { adminQuery, templateName } from '../support/postgres.js';

const suffix = crypto.randomBytes(4).toString('hex');
const foreign = `onderstroom_tpl_other_${suffix}`;
const old = `onderstroom_tpl_old_${suffix}`;
const recent = `onderstroom_tpl_new_${suffix}`;

async function exists(name: string): Promise<boolean> {
  const found = await adminQuery(`select 1 from pg_database where datname = '${name}'`);
  return found.rowCount === 1;
}

describe('test template clean-up', () => {
  afterAll(async () => {
    for (const name of [foreign, old, recent]) await adminQuery(`drop database if exists ${name}`);
  });

  it('keeps other runs’ templates and drops only ones recorded as created long ago', async () => {
    await adminQuery(`create database ${foreign}`);
    await adminQuery(`create database ${old}`);
    await adminQuery(
      `comment on database ${old} is 'onderstroom test template, created 2020-01-01T00:00:00.000Z'`,
    );
    await adminQuery(`create database ${recent}`);
    await adminQuery(
      `comment on database ${recent} is 'onderstroom test template, created ${new Date().toISOString()}'`,
    );
    await setup();
    expect(await exists(templateName())).toBe(true);
    expect(await exists(foreign)).toBe(true);
    expect(await exists(recent)).toBe(true);
    expect(await exists(old)).toBe(false);
  });
});
