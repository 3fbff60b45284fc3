// `rescore`: stored mentions scored again with the model in use; the rollups afterwards equal a recomputation
// from the mentions, analysts' labels stay, and mentions without text keep their score.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinearModel, encodeLinearModel } from '../../services/nlp/model/linear.model.js';
import { DEFAULT_FEATURE_SPEC, LEXICON_FEATURES } from '../../services/nlp/model/sentiment.features.js';
import { assertBuilt, runCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { hourlyMismatches, raw, recomputedRollups, storedRollups } from '../support/mentions.js';

let t: TestContext;
const texts = [
  'De avondklok is belachelijk en schandalig.',
  'Blij dat de scholen weer opengaan, eindelijk.',
  'De gemeente vergadert vanavond over de begroting.',
  'Mondkapjes in de winkel, prima geregeld!',
  'Wat een onzin, die coronapas bij de sportschool',
  'Het gemeentehuis is open van negen tot vijf',
  'Kappers mogen weer open, ik kan eindelijk naar de kapper',
  'Thuisonderwijs met drie kinderen, ik word gek',
];

// A model that turns every Dutch text the lexicon does not call positive into a negative one: a large, known
// change to move through the rollups.
function harshModel(lexiconVersion: string) {
  const dense = new Float64Array(LEXICON_FEATURES * 3);
  dense[6 * 3 + 2] = 10;
  return createLinearModel(
    { hashed: new Float64Array(256 * 3), dense, bias: Float64Array.from([1, 0, 0]) },
    { ...DEFAULT_FEATURE_SPEC, hashBits: 8 },
    lexiconVersion,
    { neutralOffset: 0, neutralOffsetWithoutEvidence: 0 },
    'test: negative unless the lexicon says positive',
  );
}

beforeAll(async () => {
  t = await createTestContext();
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.repositories.sources.ensure('mastodon', 'mastodon');
  // Stored as the lexicon scored them.
  t.context.enricher.useDutchModel(null);
  const items = Array.from({ length: 120 }, (_, i) =>
    raw({
      externalId: `m${i}`,
      postedAt: new Date(Date.UTC(2021, 0, 1 + (i % 10), i % 24, (i * 13) % 60)),
      text: texts[i % texts.length]!,
      reach: i % 4 === 0 ? null : i * 3,
    }),
  );
  await t.context.ingest.ingest(items.slice(0, 80), { sourceId: 'obi4wan', sourceKind: 'obi4wan' });
  await t.context.ingest.ingest(items.slice(80), { sourceId: 'mastodon', sourceKind: 'mastodon' });
  await t.context.ingest.ingest(
    [raw({ externalId: 'en', text: 'This curfew is a terrible idea', language: 'en' })],
    { sourceId: 'mastodon', sourceKind: 'mastodon' },
  );
});
afterAll(async () => t.close());

const db = () => t.context.database.db;

describe('rescore', () => {
  it('moves every changed mention between the rollup counts exactly', async () => {
    // One mention an analyst labelled, one whose text has expired.
    const [first] = (
      await sql<{ id: string }>`select id from mentions where external_id = 'm0'`.execute(db())
    ).rows;
    await t.context.sentimentCorrections.correct(first!.id, 'positive', {
      apiKeyId: null,
      name: 'test analyst',
    });
    await sql`update mentions set text = null where external_id = 'm1'`.execute(db());
    const expired = (
      await sql<{ sentiment_label: string; sentiment_model: string }>`
      select sentiment_label, sentiment_model from mentions where external_id = 'm1'`.execute(db())
    ).rows[0];

    const model = harshModel(t.context.enricher.lexiconVersion);
    t.context.enricher.useDutchModel(model);
    const totals = await t.context.rescore.run({
      from: new Date('2021-01-01T00:00:00Z'),
      to: new Date('2022-01-01T00:00:00Z'),
      batchSize: 17,
    });
    expect(totals.read).toBe(121);
    expect(totals.kept_corrections).toBe(1);
    expect(totals.skipped_without_text).toBe(1);
    expect(totals.kept_other_scorers).toBe(1);
    expect(totals.scored).toBe(118);
    expect(totals.changed).toBe(118);
    expect(totals.label_changed).toBeGreaterThan(40);
    expect(totals.batches).toBe(Math.ceil(121 / 17));
    expect(totals.model).toBe(model.version);

    expect(await storedRollups(db())).toEqual(await recomputedRollups(db()));
    expect(await hourlyMismatches(db())).toEqual([]);
    const models = await sql<{ sentiment_model: string; n: number }>`
      select sentiment_model, count(*)::int as n from mentions group by 1 order by 1`.execute(db());
    expect(models.rows).toEqual(
      [
        { sentiment_model: 'analyst', n: 1 },
        { sentiment_model: expired!.sentiment_model, n: 1 },
        { sentiment_model: model.version, n: 118 },
        { sentiment_model: 'wink-en@1', n: 1 },
      ].sort((a, b) => (a.sentiment_model < b.sentiment_model ? -1 : 1)),
    );
    const kept = await sql<{ external_id: string; sentiment_label: string }>`
      select external_id, sentiment_label from mentions where external_id in ('m0', 'm1') order by 1`.execute(
      db(),
    );
    expect(kept.rows).toEqual([
      { external_id: 'm0', sentiment_label: 'positive' },
      { external_id: 'm1', sentiment_label: expired!.sentiment_label },
    ]);
  });

  it('changes nothing when run again with the same model, and keeps to its time range', async () => {
    const before = await storedRollups(db());
    const again = await t.context.rescore.run({
      from: new Date('2021-01-01T00:00:00Z'),
      to: new Date('2022-01-01T00:00:00Z'),
      batchSize: 50,
    });
    expect(again.changed).toBe(0);
    expect(again.scored).toBe(118);
    expect(await storedRollups(db())).toEqual(before);

    t.context.enricher.useDutchModel(null);
    const day = await t.context.rescore.run({
      from: new Date('2021-01-03T00:00:00Z'),
      to: new Date('2021-01-04T00:00:00Z'),
      batchSize: 5,
    });
    expect(day.read).toBe(12);
    expect(day.changed).toBeGreaterThan(0);
    expect(await storedRollups(db())).toEqual(await recomputedRollups(db()));
    expect(await hourlyMismatches(db())).toEqual([]);
  });

  it('refuses an empty range', async () => {
    await expect(
      t.context.rescore.run({ from: new Date('2021-02-01'), to: new Date('2021-01-01'), batchSize: 10 }),
    ).rejects.toThrow(/before/);
  });
});

describe('onderstroom rescore', () => {
  it('rescores with the active model and prints the counts', async () => {
    assertBuilt();
    const { env, variables, database } = await createTestEnv();
    const { createAppContext } = await import('../../services/app-context.js');
    const context = await createAppContext(env, { migrate: false });
    try {
      await context.repositories.sources.ensure('obi4wan', 'obi4wan');
      context.enricher.useDutchModel(null);
      await context.ingest.ingest(
        texts.map((text, i) =>
          raw({ externalId: `c${i}`, text, postedAt: new Date(Date.UTC(2021, 0, 5, i)) }),
        ),
        { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
      );
      const model = harshModel(context.enricher.lexiconVersion);
      await context.repositories.sentimentModels.save(
        {
          version: model.version,
          language: 'nl',
          weights: encodeLinearModel(model),
          metrics: { test: true },
        },
        true,
      );
      const result = await runCli(
        ['rescore', '--from', '2021-01-05', '--to', '2021-01-06', '--json'],
        variables,
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const totals = JSON.parse(result.stdout) as {
        read: number;
        scored: number;
        changed: number;
        model: string;
      };
      expect(totals).toMatchObject({ read: texts.length, scored: texts.length, model: model.version });
      expect(totals.changed).toBe(texts.length);
      expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));
    } finally {
      await context.close();
      await database.drop();
    }
  }, 120_000);
});
