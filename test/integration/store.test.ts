// Exactly once: storing the same items again, or concurrently, never counts a mention twice or loses one.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpiredIdHasher } from '../../services/privacy/pseudonym.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { hourlyMismatches, raw, recomputedRollups, storedRollups } from '../support/mentions.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext(
    'privacy:\n  public_accounts:\n    - { name: "@gemeentehuizen", kind: institution }\n',
  );
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
});
afterAll(async () => t.close());

const store = (items: ReturnType<typeof raw>[]) =>
  t.context.ingest.ingest(items, { sourceId: 'obi4wan', sourceKind: 'obi4wan' });

describe('storing mentions', () => {
  it('stores new items once and counts them in the rollups in the same transaction', async () => {
    const first = await store([
      raw({ externalId: 'a', text: 'De avondklok is een schandalige maatregel!' }),
      raw({
        externalId: 'b',
        text: 'Fijn dat de scholen weer opengaan, eindelijk.',
        postedAt: new Date('2021-02-08T08:00:00Z'),
      }),
      raw({ externalId: 'a', text: 'the same id again in one batch' }),
    ]);
    expect(first.inserted.map((m) => m.externalId)).toEqual(['a', 'b']);
    expect(first.duplicates).toBe(1);
    expect(await storedRollups(t.context.database.db)).toEqual(
      await recomputedRollups(t.context.database.db),
    );

    const before = await storedRollups(t.context.database.db);
    const again = await store([raw({ externalId: 'a' }), raw({ externalId: 'b' })]);
    expect(again.inserted).toEqual([]);
    expect(again.duplicates).toBe(2);
    expect(await storedRollups(t.context.database.db)).toEqual(before);
  });

  it('stays exact when overlapping batches are stored at the same time', async () => {
    const items = Array.from({ length: 400 }, (_, i) =>
      raw({
        externalId: `c${i}`,
        postedAt: new Date(Date.UTC(2021, 0, 1 + (i % 40), i % 24, (i * 7) % 60)),
        text:
          i % 3 === 0
            ? 'Geen mondkapje meer in de horeca, heerlijk!'
            : 'Weer een boete voor de avondklok, belachelijk.',
        reach: i,
      }),
    );
    const batches = [items.slice(0, 250), items.slice(100, 350), items.slice(150, 400), items.slice(0, 400)];
    const results = await Promise.all(batches.map((batch) => store(batch)));
    expect(results.reduce((sum, r) => sum + r.inserted.length, 0)).toBe(400);
    const count = await sql<{
      n: string;
    }>`select count(*) as n from mentions where external_id like 'c%'`.execute(t.context.database.db);
    expect(Number(count.rows[0]!.n)).toBe(400);
    expect(await storedRollups(t.context.database.db)).toEqual(
      await recomputedRollups(t.context.database.db),
    );
    expect(await hourlyMismatches(t.context.database.db)).toEqual([]);
  });

  it('rejects what cannot be stored, with the reason, and stores the rest', async () => {
    const result = await store([
      raw({ externalId: 'd1', postedAt: new Date('2099-01-01T00:00:00Z') }),
      raw({ externalId: 'd2', text: '   ', title: null }),
      raw({ externalId: 'd3', reach: -5 }),
      raw({ externalId: 'd4' }),
    ]);
    expect(result.rejected).toEqual([
      { index: 0, reason: 'the date 2099-01-01T00:00:00.000Z is in the future' },
      { index: 1, reason: 'the item has no text' },
      { index: 2, reason: 'reach must be a non-negative number, got -5' },
    ]);
    expect(result.inserted.map((m) => m.externalId)).toEqual(['d4']);
  });

  it('pseudonymises people and keeps listed institutions', async () => {
    await store([
      raw({ externalId: 'e1', author: 'Piet Pietersen' }),
      raw({ externalId: 'e2', author: 'GemeenteHuizen' }),
    ]);
    const rows = await t.context.database.db
      .selectFrom('mentions')
      .select(['external_id', 'author_name', 'author_pseudonym', 'author_kind'])
      .where('external_id', 'in', ['e1', 'e2'])
      .orderBy('external_id')
      .execute();
    expect(rows[0]).toMatchObject({ author_name: null, author_kind: 'person' });
    expect(rows[0]!.author_pseudonym).toMatch(/^p_/);
    expect(rows[1]).toMatchObject({
      author_name: 'GemeenteHuizen',
      author_pseudonym: null,
      author_kind: 'institution',
    });
    const all = await sql<{ row: string }>`select m::text as row from mentions m`.execute(
      t.context.database.db,
    );
    expect(all.rows.some((r) => r.row.includes('Piet'))).toBe(false);
  });

  it('expires raw text, and the URL of people, while the rollups stay', async () => {
    const before = await storedRollups(t.context.database.db);
    const cleared = await t.context.retention.expireDueText(2, new Date(Date.now() + 400 * 86_400_000));
    expect(cleared).toBeGreaterThan(400);
    const left = await sql<{
      n: string;
    }>`select count(*) as n from mentions where text is not null or (author_kind = 'person' and url is not null)`.execute(
      t.context.database.db,
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
    const institution = await t.context.database.db
      .selectFrom('mentions')
      .select(['url', 'external_id'])
      .where('author_kind', '=', 'institution')
      .executeTakeFirstOrThrow();
    expect(institution).toEqual({ url: 'https://example.org/e2', external_id: 'e2' });
    // A person's id becomes the keyed hash: hashing a guessed id without the key confirms nothing.
    const person = await t.context.database.db
      .selectFrom('mentions')
      .select('external_id')
      .where('author_kind', '=', 'person')
      .where('url', 'is', null)
      .orderBy('posted_at')
      .orderBy('id')
      .execute();
    const unkeyed = (id: string) => `sha256:${crypto.createHash('sha256').update(id, 'utf8').digest('hex')}`;
    const keyed = createExpiredIdHasher(Buffer.from(t.env.pseudonymKey!, 'utf8'));
    const ids = new Set(person.map((row) => row.external_id));
    expect(ids.has(keyed('e1'))).toBe(true);
    expect(ids.has(keyed('a'))).toBe(true);
    expect(ids.has(unkeyed('e1'))).toBe(false);
    for (const id of ids) expect(id).toMatch(/^h_[A-Za-z0-9_-]{32}$/);
    expect(await storedRollups(t.context.database.db)).toEqual(before);
    // A re-import after expiry is still recognised as a duplicate.
    const again = await store([raw({ externalId: 'a' }), raw({ externalId: 'e1' })]);
    expect(again.inserted).toEqual([]);
  });
});
