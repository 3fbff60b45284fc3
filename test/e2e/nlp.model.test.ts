// `model train` on stored labelled mentions: a model is stored either way, but activated only when its
// cross-validated macro-F1 beats the scorers in use on the same folds; then every process scores with it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../services/app-context.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../services/nlp/model/sentiment-model.service.js';
import { assertBuilt, runCli } from '../support/cli.js';
import { createTestContext, createTestEnv, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
});
afterAll(async () => t.close());

const store = (items: ReturnType<typeof raw>[]) =>
  t.context.ingest.ingest(items, { sourceId: 'obi4wan', sourceKind: 'obi4wan' });

const places = ['Hilversum', 'Huizen', 'Laren', 'Weesp', 'Blaricum', 'Bussum', 'Naarden', 'Muiden'];
const days = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const at = (i: number) => new Date(Date.UTC(2021, 0, 4 + (i % 20), 8 + (i % 12), (i * 7) % 60));
const options = { ...DEFAULT_TRAIN_OPTIONS, folds: 3, minRows: 20 };

describe('model train', () => {
  it('stores but does not activate a model that is no better than the scorer in use', async () => {
    const texts = [
      'De avondklok is belachelijk en schandalig',
      'Blij dat de scholen weer open zijn, goed zo',
      'De gemeente vergadert over de begroting',
      'Wat een onzin, die mondkapjesplicht',
      'Heerlijk weer op het terras',
      'Het gemeentehuis is open van negen tot vijf',
    ];
    await store(
      places.flatMap((place, p) =>
        texts.map((text, k) =>
          raw({ externalId: `same-${p}-${k}`, postedAt: at(p * 6 + k), text: `${text} in ${place}` }),
        ),
      ),
    );
    // The listening tool agrees with the scorer in use on every mention: no model can beat that.
    await sql`update mentions set tool_sentiment = sentiment_label where external_id like 'same-%'`.execute(
      t.context.database.db,
    );
    const inUse = t.context.enricher.versions.sentiment_nl;
    const report = await t.context.sentimentModels.train(options);
    expect(report.rows.total).toBe(48);
    expect(report.activated).toBe(false);
    expect(report.reason).toMatch(/does not beat/);
    expect(report.version).toMatch(/^linear-nl@1\+/);
    const best = Math.max(...Object.values(report.cross_validation!.baselines).map((b) => b.macro_f1));
    expect(best).toBe(1);
    expect(t.context.enricher.versions.sentiment_nl).toBe(inUse);
    const status = await t.context.sentimentModels.status();
    expect(status.active).toBeNull();
    expect(status.recent.map((m) => [m.version, m.active])).toEqual([[report.version, false]]);
    // Training over the shipped model's 2^17 table took 31 s on a loaded 2-core machine: far from this limit.
  }, 240_000);

  it('refuses to judge on too few labels', async () => {
    const report = await t.context.sentimentModels.train({ ...options, minRows: 1000 });
    expect(report.activated).toBe(false);
    expect(report.version).toBeNull();
    expect(report.reason).toMatch(/at least 1000 are needed/);
  });

  it('activates a model that beats them on the same folds, and every process then scores with it', async () => {
    // This deployment's own words: the lexicon does not know that "wappies" are said in anger.
    const items: ReturnType<typeof raw>[] = [];
    const labels: Record<string, 'positive' | 'negative' | 'neutral'> = {};
    let i = 0;
    for (const place of places) {
      for (const day of days) {
        const add = (text: string, label: 'positive' | 'negative' | 'neutral') => {
          const externalId = `own-${i}`;
          labels[externalId] = label;
          items.push(raw({ externalId, postedAt: at(i++), text, toolSentiment: label }));
        };
        add(`Weer die wappies in ${place} op ${day}`, 'negative');
        add(`Het prikpaspoort in ${place} vanaf ${day}, nee dank je`, 'negative');
        add(`De zorghelden van ${place} waren er ${day} weer`, 'positive');
        add(`De vaccinatiebus stond ${day} in ${place}`, 'positive');
        add(`Vergadering in ${place} op ${day} over de begroting`, 'neutral');
      }
    }
    await store(items);
    // Analysts corrected a few mentions whose tool label was wrong; their label wins.
    await sql`update mentions set tool_sentiment = 'positive' where external_id in ('own-0', 'own-5')`.execute(
      t.context.database.db,
    );
    const corrected = await sql<{ id: string }>`
      select id from mentions where external_id in ('own-0', 'own-5') order by id`.execute(
      t.context.database.db,
    );
    for (const row of corrected.rows)
      await t.context.sentimentCorrections.correct(row.id, 'negative', {
        apiKeyId: null,
        name: 'test analyst',
      });

    const report = await t.context.sentimentModels.train(options);
    expect(report.rows.total).toBe(48 + items.length);
    expect(report.rows.analyst).toBe(2);
    expect(report.activated).toBe(true);
    expect(report.reason).toMatch(/beats/);
    const cv = report.cross_validation!;
    for (const baseline of Object.values(cv.baselines))
      expect(cv.model.macro_f1).toBeGreaterThan(baseline.macro_f1);
    for (const label of ['positive', 'neutral', 'negative'])
      expect(cv.model.per_class[label]!.support).toBe(report.rows.per_class[label as 'positive']);

    // This process switched at once; a new mention records the model that scored it.
    expect(t.context.enricher.versions.sentiment_nl).toBe(report.version);
    await store([raw({ externalId: 'after', text: 'Weer die wappies in Amersfoort', postedAt: at(999) })]);
    const after = await sql<{ sentiment_model: string; sentiment_label: string }>`
      select sentiment_model, sentiment_label from mentions where external_id = 'after'`.execute(
      t.context.database.db,
    );
    expect(after.rows[0]).toEqual({ sentiment_model: report.version, sentiment_label: 'negative' });

    // Another process (a worker) loads the active model when it starts.
    const other = await createAppContext(t.env, { migrate: false });
    try {
      expect(other.enricher.versions.sentiment_nl).toBe(report.version);
      const status = await other.sentimentModels.status();
      expect(status.active?.version).toBe(report.version);
      expect(status.in_use).toBe(report.version);
      // Deactivating brings every process back to the default (the shipped model) at its next check.
      await other.sentimentModels.deactivate();
      expect(status.default).toBe(status.shipped);
      expect(await t.context.sentimentModels.refresh()).toBe(status.default);
    } finally {
      await other.close();
    }
  }, 240_000);

  it('scores with the shipped model by default, the lexicon alone on request, and says which is in use', async () => {
    const shipped = (await t.context.sentimentModels.status()).shipped;
    expect(shipped).toMatch(/^linear-nl@1\+/);
    expect(t.context.enricher.versions.sentiment_nl).toBe(shipped);

    // The lexicon alone is a stored choice, so every process follows it, and a new mention says so.
    expect(await t.context.sentimentModels.activate('lexicon')).toBe(t.context.enricher.lexiconVersion);
    expect(t.context.enricher.versions.sentiment_nl).toBe(t.context.enricher.lexiconVersion);
    const other = await createAppContext(t.env, { migrate: false });
    try {
      expect(other.enricher.versions.sentiment_nl).toBe(other.enricher.lexiconVersion);
    } finally {
      await other.close();
    }
    await store([
      raw({ externalId: 'lexicon-only', text: 'Wat een puinhoop bij de teststraat', postedAt: at(5) }),
    ]);
    const scored = await sql<{ sentiment_model: string }>`
      select sentiment_model from mentions where external_id = 'lexicon-only'`.execute(t.context.database.db);
    expect(scored.rows[0]?.sentiment_model).toBe(t.context.enricher.lexiconVersion);

    expect(await t.context.sentimentModels.activate('shipped')).toBe(shipped);
    expect(t.context.enricher.versions.sentiment_nl).toBe(shipped);
    const status = await t.context.sentimentModels.status();
    expect(status.active).toMatchObject({ version: shipped, active: true, metrics: { origin: 'shipped' } });
    expect(await t.context.sentimentModels.activate('linear-nl@1+000000000000')).toBeNull();
    expect(status.in_use).toBe(shipped);
    await t.context.sentimentModels.activate('lexicon');
    expect(await t.context.sentimentModels.deactivate()).toBe(1);
    expect(t.context.enricher.versions.sentiment_nl).toBe(shipped);
    expect((await t.context.sentimentModels.status()).active).toBeNull();
  });
});

describe('onderstroom model', () => {
  it('trains, activates and reports per class from the command line', async () => {
    assertBuilt();
    const { env, variables, database } = await createTestEnv();
    const context = await createAppContext(env, { migrate: false });
    try {
      await context.repositories.sources.ensure('obi4wan', 'obi4wan');
      const items = places.flatMap((place, p) =>
        days.flatMap((day, d) => [
          raw({
            externalId: `w${p}-${d}`,
            postedAt: at(p * 7 + d),
            text: `Weer die wappies in ${place} op ${day}`,
            toolSentiment: 'negative',
          }),
          raw({
            externalId: `z${p}-${d}`,
            postedAt: at(p * 7 + d),
            text: `De zorghelden van ${place} waren er ${day}`,
            toolSentiment: 'positive',
          }),
          raw({
            externalId: `v${p}-${d}`,
            postedAt: at(p * 7 + d),
            text: `Vergadering in ${place} op ${day}`,
            toolSentiment: 'neutral',
          }),
        ]),
      );
      await context.ingest.ingest(items, { sourceId: 'obi4wan', sourceKind: 'obi4wan' });
      const before = await runCli(['model', 'status'], variables);
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/chosen\s+\(nothing: the default scores Dutch\)/);
      expect(before.stdout).toMatch(/Dutch scorer in use\s+linear-nl@1\+/);

      const trained = await runCli(['model', 'train', '--folds', '3', '--json'], variables, {
        timeoutMs: 180_000,
      });
      expect(trained.stderr).toBe('');
      expect(trained.code).toBe(0);
      const report = JSON.parse(trained.stdout) as {
        activated: boolean;
        version: string;
        rows: { total: number };
      };
      expect(report).toMatchObject({ activated: true, rows: { total: items.length } });

      const status = await runCli(['model', 'status'], variables);
      expect(status.stdout).toContain(`Dutch scorer in use`);
      expect(status.stdout).toMatch(new RegExp(`chosen\\s+${report.version.replace('+', '\\+')}`));
      expect(status.stdout).toMatch(/neutral\s+\d+\.\d%\s+\d+\.\d%\s+\d\.\d{3}\s+56/);
      const refused = await runCli(['model', 'activate', 'linear-nl@1+000000000000'], variables);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/no stored model/);
    } finally {
      await context.close();
      await database.drop();
    }
  }, 240_000);
});
