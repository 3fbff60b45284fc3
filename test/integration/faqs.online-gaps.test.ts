// Online questions in the gaps against a real register: `faqs.decide` reads every stored post once, decides the
// Dutch posts of people that ask against the published FAQs (a second run reads and decides nothing; publishing an
// FAQ redoes the decisions of posts that keep their text), and GET /api/v1/faqs/gaps shows the online gaps beside
// the KCC's: to an analyst with examples (pseudonymised authors, contact details masked, each read logged), to
// others without text; a post whose text has expired is counted, never shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import type { FaqActor } from '../../services/faqs/faq.js';
import { HANDLERS } from '../../workers/handlers.js';
import { raw } from '../support/mentions.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};
const coordinator: FaqActor = { name: 'coördinator', role: 'coordinator', apiKeyId: null };
const WEEK = { from: '2026-11-23', to: '2026-11-30' };

const asks = [
  'Weet iemand wanneer het grofvuil wordt opgehaald? Bel me 06-12345678',
  'wanneer wordt het grofvuil opgehaald bij ons',
  'Wordt het grofvuil nog opgehaald deze maand? @gemeentehuizen',
  'Is het zwembad De Hoorn weer open?',
  'Mag de kapper al open?',
];
const says = ['Eindelijk weer naar de kapper geweest, heerlijk', 'Wat een onzin weer van het kabinet'];
const BEFORE = ['Wordt het grofvuil deze week opgehaald?'];
const posts = [
  ...asks.map((text, i) => raw({ externalId: `ask-${i}`, text, language: 'nl', author: `Inwoner ${i}` })),
  ...says.map((text, i) => raw({ externalId: `say-${i}`, text, language: 'nl' })),
  // A newspaper's headline asks, but is no resident's question; neither is an English one.
  raw({
    externalId: 'media',
    text: 'Wanneer wordt het grofvuil weer opgehaald?',
    language: 'nl',
    author: null,
  }),
  raw({ externalId: 'en', text: 'Does anyone know when the bulky waste is collected?', language: 'en' }),
].map((post, i) => ({ ...post, postedAt: new Date(`2026-11-25T10:0${i}:00+01:00`) }));
const before = BEFORE.map((text, i) =>
  raw({ externalId: `before-${i}`, text, language: 'nl', postedAt: new Date('2026-11-18T10:00:00+01:00') }),
);

interface OnlineCluster {
  id: string;
  count: number;
  previous_count: number;
  examples: { mention_id: string; author: string | null; text: string; url: string | null }[];
  terms: string[];
  draft: { question: string | null };
}
interface Online {
  questions: number;
  gap_questions: number;
  expired: number;
  undecided: number;
  text_shown: boolean;
  clusters: OnlineCluster[];
}

const db = () => t.context.database.db;
const as = (key: string) => ({ authorization: `Bearer ${keys[key]}` });
const online = async (key = 'analyst') => {
  const res = await api.inject({ method: 'GET', url: '/api/v1/faqs/gaps', query: WEEK, headers: as(key) });
  expect(res.statusCode).toBe(200);
  return res.json<{ online: Online }>().online;
};
async function rows(query: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*)::text as n from ${sql.raw(query)}`.execute(db());
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  await t.context.faqs.faqs.create(coordinator, {
    question: 'Mag de kapper open?',
    answer: 'Ja, kappers en andere contactberoepen mogen open met een afspraak.',
    status: 'gepubliceerd',
  });
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.ingest.ingest([...posts, ...before], { sourceId: 'obi4wan', sourceKind: 'obi4wan' });
  // The headline is a newspaper's.
  await sql`update mentions set author_kind = 'media' where external_id = 'media'`.execute(db());
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('faqs.decide on online posts', () => {
  it('reads every post once and decides the residents questions; a second run does nothing', async () => {
    const first = (await HANDLERS['faqs.decide'](t.context, { batchSize: 3, maxBatches: 20 })) as {
      posts: unknown;
    };
    expect(first.posts).toMatchObject({ read: posts.length + before.length, asked: asks.length + 1 });
    expect(await rows('mention_faq_matches')).toBe(asks.length + 1);
    expect(await rows('mentions where asks_question is null')).toBe(0);
    const second = await t.context.faqs.gaps.decideMentions(3, 20);
    expect(second).toEqual({ read: 0, asked: 0, none: 0, redecided: 0, batches: 0 });
    const kapper = await sql<{ decision: string }>`select d.decision from mention_faq_matches d
      join mentions m on m.id = d.mention_id where m.external_id = 'ask-4'`.execute(db());
    expect(kapper.rows[0]!.decision).toBe('match');
  });
});

describe('GET /api/v1/faqs/gaps, online', () => {
  it('clusters the online gaps with examples for an analyst, pseudonymised and masked, and logs the read', async () => {
    const body = await online();
    expect(body).toMatchObject({ questions: asks.length, gap_questions: 4, expired: 0, undecided: 0 });
    expect(body.text_shown).toBe(true);
    const [grofvuil] = body.clusters;
    expect(grofvuil).toMatchObject({ count: 3, previous_count: 1 });
    expect(grofvuil!.terms).toContain('grofvuil');
    expect(grofvuil!.terms.join(' ')).not.toMatch(/gemeentehuizen/);
    expect(grofvuil!.examples).toHaveLength(3);
    const all = JSON.stringify(body);
    expect(all).not.toContain('12345678');
    expect(all).not.toContain('Inwoner');
    expect(all).not.toContain('kapper');
    expect(all).not.toContain('bulky');
    for (const example of grofvuil!.examples) expect(example.author).toMatch(/^[0-9a-z_-]{6,}/i);
    const logged = await sql<{ detail: { mentions: string[] } }>`select detail from access_log
      where action = 'faqs.gaps.read' order by id desc limit 1`.execute(db());
    expect(logged.rows[0]!.detail.mentions.sort()).toEqual(
      body.clusters.flatMap((c) => c.examples.map((e) => e.mention_id)).sort(),
    );
  });

  it('gives others the counts without the text of posts', async () => {
    const answer = await t.context.faqs.gaps.gaps(coordinator, WEEK);
    expect(answer.online.textShown).toBe(false);
    expect(answer.online.clusters[0]).toMatchObject({ count: 3, examples: [], terms: [] });
    expect(answer.online.clusters[0]!.draft.question).toBeNull();
    expect(answer.clusters).toEqual([]);
  });

  describe('POST /api/v1/faqs/gaps/concepts with source online', () => {
    const concept = (body: Record<string, unknown>, key = 'admin') =>
      api.inject({ method: 'POST', url: '/api/v1/faqs/gaps/concepts', payload: body, headers: as(key) });

    it('makes an online cluster into a concept FAQ once, without author, handle or contact details', async () => {
      const grofvuil = (await online()).clusters[0]!;
      const faqsBefore = await rows('faqs');
      const first = await concept({ ...WEEK, cluster: grofvuil.id, source: 'online' });
      expect(first.statusCode).toBe(201);
      const made = first.json<{
        faq: { id: string; status: string; question: string; answer: string };
        created: boolean;
      }>();
      expect(made).toMatchObject({ created: true, faq: { status: 'concept' } });
      expect(made.faq.question).toMatch(/grofvuil/i);
      for (const hidden of ['12345678', 'Inwoner', '@', 'http'])
        expect(made.faq.question + made.faq.answer).not.toContain(hidden);
      expect(made.faq.answer).toMatch(/^Nog te schrijven\. 3 berichten online zonder FAQ/);
      // A second click and a retry at once: the same concept, none made.
      const again = await Promise.all([
        concept({ ...WEEK, cluster: grofvuil.id, source: 'online' }),
        concept({ ...WEEK, cluster: grofvuil.id, source: 'online' }),
      ]);
      for (const res of again) {
        expect(res.statusCode).toBe(200);
        expect(res.json<{ faq: { id: string }; created: boolean }>()).toMatchObject({
          created: false,
          faq: { id: made.faq.id },
        });
      }
      expect(await rows('faqs')).toBe(faqsBefore + 1);
      expect(await rows('faq_gap_online_concepts')).toBe(1);
      expect(await rows('faq_gap_concepts')).toBe(0);
      const shown = (await online()).clusters.find((c) => c.id === grofvuil.id) as OnlineCluster & {
        concept_faq_id: string | null;
      };
      expect(shown.concept_faq_id).toBe(made.faq.id);
      const logged = await sql<{ detail: Record<string, unknown> }>`select detail from access_log
        where action = 'faqs.gaps.concept' order by id`.execute(db());
      expect(logged.rows.map((row) => row.detail.created)).toEqual([true, false, false]);
      expect(logged.rows[0]!.detail).toMatchObject({
        source: 'online',
        cluster: grofvuil.id,
        faq_id: made.faq.id,
      });
      expect((logged.rows[0]!.detail.mentions as string[])[0]).toBe(grofvuil.examples[0]!.mention_id);
    });

    it('lets a coordinator make one too; a KCC cluster id is no online cluster', async () => {
      const zwembad = (await online()).clusters.find((c) => c.count === 1)!;
      const made = await t.context.faqs.gaps.makeConcept(coordinator, {
        ...WEEK,
        cluster: zwembad.id,
        source: 'online',
      });
      expect(made.created).toBe(true);
      expect(made.faq.question).toBe('Is het zwembad De Hoorn weer open?');
      const again = await t.context.faqs.gaps.makeConcept(coordinator, {
        ...WEEK,
        cluster: zwembad.id,
        source: 'online',
      });
      expect(again).toMatchObject({ created: false, faq: { id: made.faq.id } });
      // Its id is a post's: as a KCC cluster it is not found.
      await expect(
        t.context.faqs.gaps.makeConcept(coordinator, { ...WEEK, cluster: zwembad.id }),
      ).rejects.toThrow(/^cluster: no gap cluster/);
      expect(await rows('faq_gap_online_concepts')).toBe(2);
    });

    it('refuses an analyst, an unknown cluster and an unknown source, storing nothing', async () => {
      const faqsBefore = await rows('faqs');
      const grofvuil = (await online()).clusters[0]!;
      expect((await concept({ ...WEEK, cluster: grofvuil.id, source: 'online' }, 'analyst')).statusCode).toBe(
        403,
      );
      await expect(
        t.context.faqs.gaps.makeConcept(
          { name: 'analist', role: 'analyst', apiKeyId: null },
          { ...WEEK, cluster: grofvuil.id, source: 'online' },
        ),
      ).rejects.toThrow(/coordinator or an admin/);
      const unknown = await concept({ ...WEEK, cluster: '999999', source: 'online' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<{ message: string }>().message).toMatch(/^cluster: no online gap cluster/);
      expect((await concept({ ...WEEK, cluster: grofvuil.id, source: 'twitter' })).statusCode).toBe(400);
      expect(await rows('faqs')).toBe(faqsBefore);
      expect(await rows('faq_gap_online_concepts')).toBe(2);
    });
  });

  it('redoes the decisions when an FAQ is published, and the posts it answers leave the gaps', async () => {
    await t.context.faqs.faqs.create(coordinator, {
      question: 'Wanneer wordt het grofvuil opgehaald?',
      answer: 'Grofvuil wordt op afspraak opgehaald: maak een afspraak bij de gemeente.',
      status: 'gepubliceerd',
    });
    expect((await online()).undecided).toBe(asks.length);
    const redone = await t.context.faqs.gaps.decideMentions(500, 20);
    expect(redone).toMatchObject({ read: 0, redecided: asks.length + 1 });
    const body = await online();
    expect(body).toMatchObject({ undecided: 0, gap_questions: 1 });
    expect(body.clusters.map((c) => c.count)).toEqual([1]);
    expect(JSON.stringify(body)).not.toContain('grofvuil');
  });

  it('counts a gap whose text has expired, shows nothing of it, and does not decide it again', async () => {
    await t.context.faqs.faqs.create(coordinator, {
      question: 'Hoe meld ik een kapotte lantaarnpaal?',
      answer: 'Meld een kapotte lantaarnpaal bij de gemeente.',
      status: 'gepubliceerd',
    });
    await t.context.ingest.ingest(
      [
        raw({
          externalId: 'late',
          text: 'Weet iemand of de ijsbaan op het plein dit jaar doorgaat?',
          language: 'nl',
          postedAt: new Date('2026-11-26T10:00:00+01:00'),
        }),
      ],
      { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
    );
    await t.context.faqs.gaps.decideMentions(500, 20);
    expect((await online()).gap_questions).toBe(2);
    await sql`update mentions set text_expires_at = now() - interval '1 day' where external_id = 'late'`.execute(
      db(),
    );
    await t.context.retention.expireDueText(100);
    const body = await online();
    expect(body).toMatchObject({ gap_questions: 1, expired: 1 });
    expect(body.clusters).toHaveLength(1);
    expect(JSON.stringify(body)).not.toContain('ijsbaan');
    await t.context.faqs.faqs.create(coordinator, {
      question: 'Waar kan ik schaatsen?',
      answer: 'Op de ijsbaan, als die open is.',
      status: 'gepubliceerd',
    });
    const redone = await t.context.faqs.gaps.decideMentions(500, 20);
    // Only the posts that still have text are decided again.
    expect(redone.redecided).toBe(asks.length + 1);
  });

  it('refuses a viewer key', async () => {
    const res = await api.inject({
      method: 'GET',
      url: '/api/v1/faqs/gaps',
      query: WEEK,
      headers: as('viewer'),
    });
    expect(res.statusCode).toBe(403);
  });
});
