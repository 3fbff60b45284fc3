// The question register against a real Postgres: register (classified, routed, counted exactly, idempotent), due
// times over a weekend and a holiday, escalation exactly once across restarts, notices, role visibility, contact
// details and their retention, and bad input that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildChannels } from '../../services/alerts/channels/channel-registry.js';
import { readSecret } from '../../services/config/env.js';
import { createQuestionsModule, type QuestionsModule } from '../../services/questions/index.js';
import type { QuestionActor } from '../../services/questions/question.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';

let t: TestContext;
let team: HttpReceiver;
let coordinator: HttpReceiver;
let clock = Date.parse('2026-12-04T15:00:00Z'); // Friday 16:00 in Amsterdam

const kcc: QuestionActor = { name: 'kcc-medewerker', role: 'kcc', team: null, apiKeyId: null };
const coord: QuestionActor = { name: 'coordinator', role: 'coordinator', team: null, apiKeyId: null };
const ez: QuestionActor = { name: 'ez-lid', role: 'team', team: 'economische-zaken', apiKeyId: null };
const hh: QuestionActor = { name: 'hh-lid', role: 'team', team: 'handhaving', apiKeyId: null };

/** A module on the test database with a clock the tests move; a new one is a restarted process. */
function moduleAt(): QuestionsModule {
  const { channels } = buildChannels(t.context.config.alerts.channels, readSecret);
  const built = createQuestionsModule({
    db: t.context.database.db,
    config: t.context.config.questions,
    timeZone: t.context.config.timezone,
    textRetentionDays: t.context.config.privacy.retention_days,
    enricher: () => Promise.resolve(t.context.enricher),
    topicIds: new Set(t.context.taxonomy.topics.map((topic) => topic.id)),
    channels,
    accessLog: t.context.repositories.accessLog,
    webUrl: 'https://onderstroom.huizen.example/kcc',
    now: () => new Date(clock),
  });
  if (built.module === null) throw new Error(built.problems.join('\n'));
  return built.module;
}

async function count(table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
    t.context.database.db,
  );
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  [team, coordinator] = await Promise.all([startHttpReceiver(), startHttpReceiver()]);
  t = await createTestContext(`
alerts:
  channels:
    - { id: ez-kanaal, kind: webhook, url: "${team.url}" }
    - { id: coordinator, kind: webhook, url: "${coordinator.url}" }
questions:
  teams:
    - { id: kcc, name: KCC, due_hours: 2 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 2, channels: [ez-kanaal] }
    - { id: handhaving, name: Handhaving, due_hours: 4 }
  routes:
    - { topic: horeca, team: economische-zaken }
    - { topic: handhaving, team: handhaving }
  default_team: kcc
  holidays: ["2026-12-25"]
  coordinator_channels: [coordinator]
  contact_retention_days: 30
`);
});

afterAll(async () => {
  await Promise.all([team.close(), coordinator.close()]);
  await t.close();
});

describe('registering questions', () => {
  it('classifies, routes by topic, sets the due time over the weekend, counts once, and is idempotent', async () => {
    const m = moduleAt();
    const batch = [
      {
        external_id: 'kcc-1',
        received_at: '2026-12-04T15:00:00Z',
        channel: 'telefoon',
        text: 'Mag mijn terras met de horeca regels nog open blijven na tien uur?',
        callback: { wanted: true },
        contact: { name: 'J. de Vries', phone: '0612345678' },
      },
      {
        external_id: 'kcc-2',
        received_at: '2026-12-04T15:01:00Z',
        channel: 'e-mail',
        text: 'Hoe laat gaat het zwembad morgen open?',
      },
    ];
    const first = await m.questions.register(kcc, 'kcc', batch);
    expect(first.new).toEqual(['kcc-1', 'kcc-2']);
    const again = await m.questions.register(kcc, 'kcc', batch);
    expect(again).toMatchObject({ new: [], duplicates: ['kcc-1', 'kcc-2'] });

    const opened = await m.questions.open(coord, first.ids['kcc-1']!, 'test.open');
    expect(opened.question.topics).toContain('horeca');
    expect(opened.question.team).toBe('economische-zaken');
    expect(opened.question.status).toBe('doorgestuurd');
    expect(opened.question.sentiment.model).not.toBe('');
    // Friday 16:00 + 2 working hours: 1 hour on Friday (to 17:00), 1 hour from Monday 08:30.
    expect(opened.question.dueAt.toISOString()).toBe('2026-12-07T08:30:00.000Z');
    expect(opened.history.map((event) => event.type)).toEqual(['registered', 'routed']);
    // What the KCC form confirms: the team and due time of each new question, none for a repeat.
    expect(first.routed['kcc-1']).toEqual({ team: 'economische-zaken', dueAt: opened.question.dueAt });
    expect(again.routed).toEqual({});

    const other = await m.questions.open(coord, first.ids['kcc-2']!, 'test.open');
    expect(other.question.team).toBe('kcc');

    const rows = await m.repository.rollups(
      '5m',
      'all',
      'all',
      Date.parse('2026-12-04T15:00:00Z'),
      Date.parse('2026-12-04T15:05:00Z'),
    );
    expect(rows).toEqual([expect.objectContaining({ n: 2 })]);
    const horeca = await m.repository.rollups(
      '1h',
      'telefoon',
      'horeca',
      Date.parse('2026-12-04T15:00:00Z'),
      Date.parse('2026-12-04T16:00:00Z'),
    );
    expect(horeca.map((row) => row.n)).toEqual([1]);
    expect(await m.repository.notices(first.ids['kcc-1']!)).toEqual([
      { kind: 'routed', channelId: 'ez-kanaal', state: 'pending' },
    ]);
    const run = await m.notices.deliverDue();
    expect(run.delivered).toBe(1);
    expect(team.accepted).toHaveLength(1);
    expect(team.accepted[0]!.body).toContain('Nieuwe vraag voor Economische Zaken');
    // The notice links to the question's page under the web pages' address (ONDERSTROOM_WEB_URL).
    expect(team.accepted[0]!.body).toContain(
      `https://onderstroom.huizen.example/kcc/vragen/${first.ids['kcc-1']}`,
    );
    expect((await m.notices.deliverDue()).delivered).toBe(0);
  });

  it('counts the due time past a holiday and the weekend after it', async () => {
    const m = moduleAt();
    const result = await m.questions.register(kcc, 'kcc', [
      {
        external_id: 'kerst-1',
        received_at: '2026-12-24T15:30:00Z', // Thursday 16:30; Friday 25 December is a holiday
        channel: 'balie',
        text: 'Is de markt open tussen kerst en oud en nieuw?',
        team: 'kcc',
      },
    ]);
    const opened = await m.questions.open(coord, result.ids['kerst-1']!, 'test.open');
    // 30 minutes on Thursday, then Monday 28 December from 08:30 for the other 90.
    expect(opened.question.dueAt.toISOString()).toBe('2026-12-28T09:00:00.000Z');
    expect(opened.history[1]!.detail).toMatchObject({ team: 'kcc', by: 'given' });
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const m = moduleAt();
    const before = await count('questions');
    const good = {
      external_id: 'ok-1',
      received_at: '2026-12-04T10:00:00Z',
      channel: 'telefoon',
      text: 'Een vraag',
    };
    const cases: [unknown, RegExp][] = [
      [{ ...good, text: '   ' }, /questions\[1\]\.text: a question needs its text/],
      [{ ...good, text: 'x'.repeat(100_000) }, /questions\[1\]\.text: at most 20000 characters, got 100000/],
      [{ ...good, team: 'bestaat-niet' }, /questions\[1\]\.team: no team "bestaat-niet"/],
      [{ ...good, channel: 'fax' }, /questions\[1\]\.channel: "fax" is not one of/],
      [{ ...good, received_at: 'gisteren' }, /questions\[1\]\.received_at: "gisteren" is not a date/],
      [{ ...good, external_id: 'ok-0' }, /questions\[1\]\.external_id: "ok-0" is also questions\[0\]/],
    ];
    for (const [bad, message] of cases) {
      await expect(
        m.questions.register(kcc, 'kcc', [{ ...good, external_id: 'ok-0' }, bad as typeof good]),
      ).rejects.toThrow(message);
    }
    expect(await count('questions')).toBe(before);
    expect(await count('question_events')).toBeGreaterThan(0);

    const script = await m.questions.register(kcc, 'kcc', [
      { ...good, external_id: 'script-1', text: '<script>alert("x")</script> mag dit?' },
    ]);
    const stored = await m.questions.open(coord, script.ids['script-1']!, 'test.open');
    expect(stored.question.text).toBe('<script>alert("x")</script> mag dit?');
  });
});

describe('follow-up, visibility and contact details', () => {
  it('shows a team only its own queue and contact details only to that team and the coordinator', async () => {
    const m = moduleAt();
    const page = await m.questions.list(ez, {}, 'test.list');
    expect(page.questions.length).toBeGreaterThan(0);
    expect(page.questions.every((q) => q.team === 'economische-zaken')).toBe(true);
    await expect(m.questions.list(ez, { team: 'kcc' }, 'test.list')).rejects.toThrow(
      /only the questions of team/,
    );
    await expect(m.questions.list(kcc, {}, 'test.list')).rejects.toThrow(/queue needs/);

    const id = page.questions.find((q) => q.externalId === 'kcc-1')!.id;
    await expect(m.questions.open(hh, id, 'test.open')).rejects.toThrow(`no question ${id}`);
    expect(await m.questions.readContact(ez, id)).toEqual({
      name: 'J. de Vries',
      phone: '0612345678',
      email: null,
    });
    expect(await m.questions.readContact(coord, id)).toMatchObject({ name: 'J. de Vries' });
    const analyst: QuestionActor = { name: 'analist', role: 'analyst', team: null, apiKeyId: null };
    await expect(m.questions.readContact(analyst, id)).rejects.toThrow(
      /only the assigned team and the coordinator/,
    );
    const reads = await sql<{
      n: string;
    }>`select count(*) as n from access_log where action = 'questions.contact.read'`.execute(
      t.context.database.db,
    );
    expect(Number(reads.rows[0]!.n)).toBe(2);
  });

  it('reassigns, answers with how, closes, and keeps every change in the history', async () => {
    const m = moduleAt();
    const { ids } = await m.questions.register(kcc, 'kcc', [
      {
        external_id: 'flow-1',
        received_at: '2026-12-04T15:10:00Z',
        channel: 'webformulier',
        text: 'Wanneer wordt het afval opgehaald?',
      },
    ]);
    const id = ids['flow-1']!;
    expect((await m.questions.open(coord, id, 'test.open')).question.team).toBe('kcc');
    await m.questions.reassign(coord, id, { team: 'handhaving', assignee: 'Piet' });
    await expect(m.questions.close(hh, id)).rejects.toThrow(/no answer yet/);
    await expect(m.questions.answer(hh, id, { answer: 'Zie de site', how: 'verwezen naar' })).rejects.toThrow(
      /to: say where/,
    );
    await m.questions.answer(hh, id, { answer: 'Teruggebeld en uitgelegd', how: 'telefonisch teruggebeld' });
    const closed = await m.questions.close(hh, id);
    expect(closed).toMatchObject({
      status: 'gesloten',
      answeredHow: 'telefonisch teruggebeld',
      team: 'handhaving',
    });
    const { history } = await m.questions.open(coord, id, 'test.open');
    expect(history.map((event) => [event.type, event.actor])).toEqual([
      ['registered', 'kcc-medewerker'],
      ['routed', 'systeem'],
      ['reassigned', 'coordinator'],
      ['answered', 'hh-lid'],
      ['closed', 'hh-lid'],
    ]);
    await expect(m.questions.answer(hh, id, { answer: 'nog eens', how: 'per e-mail' })).rejects.toThrow(
      /closed/,
    );
  });

  it('deletes contact details 30 days after closing, not before', async () => {
    const m = moduleAt();
    const { ids } = await m.questions.register(kcc, 'kcc', [
      {
        external_id: 'privacy-1',
        received_at: new Date(clock).toISOString(),
        channel: 'telefoon',
        text: 'Graag terugbellen over de horeca',
        contact: { name: 'A. Jansen', email: 'a@example.org' },
      },
    ]);
    const id = ids['privacy-1']!;
    await m.questions.answer(coord, id, { answer: 'Gebeld', how: 'telefonisch teruggebeld' });
    await m.questions.close(coord, id);
    clock += 29 * 86_400_000;
    await moduleAt().questions.expire();
    expect(await m.repository.readContact(id)).not.toBeNull();
    clock += 2 * 86_400_000;
    const run = await moduleAt().questions.expire();
    expect(run.contactsDeleted).toBe(1);
    expect(await m.repository.readContact(id)).toBeNull();
    // The question itself and its counts stay; an open question keeps its contact.
    expect((await m.questions.open(coord, id, 'test.open')).question.status).toBe('gesloten');
    expect(await count('question_contacts')).toBe(1);
  });
});

describe('overdue questions', () => {
  it('flags and escalates each overdue question exactly once, across restarts', async () => {
    const first = moduleAt();
    const escalated = await first.questions.escalateOverdue();
    expect(escalated.length).toBeGreaterThan(0);
    // A restarted process sweeps again: nothing new is escalated and no notice is written twice.
    const second = moduleAt();
    expect(await second.questions.escalateOverdue()).toEqual([]);
    await second.notices.deliverDue();
    await moduleAt().notices.deliverDue();
    const escalations = coordinator.accepted.filter((request) => request.body.includes('is over tijd'));
    expect(escalations).toHaveLength(escalated.length);
    const overdue = await second.questions.list(coord, { overdue: true, limit: 1000 }, 'test.list');
    expect(overdue.questions.map((q) => q.id).sort()).toEqual([...escalated].sort());
    const { history } = await second.questions.open(coord, escalated[0]!, 'test.open');
    expect(history.filter((event) => event.type === 'escalated')).toHaveLength(1);
  });
});

describe('exactly once under concurrency', () => {
  it('stores a batch posted twice at the same time once, and the rollups equal a recount', async () => {
    const m = moduleAt();
    const other = moduleAt();
    const batch = Array.from({ length: 40 }, (_, i) => ({
      external_id: `race-${i}`,
      received_at: new Date(Date.parse('2026-12-03T10:00:00Z') + i * 60_000).toISOString(),
      channel: i % 2 === 0 ? 'telefoon' : 'social',
      text: i % 3 === 0 ? 'Mag het terras van de horeca open?' : 'Waar kan ik een vraag stellen?',
    }));
    const [a, b] = await Promise.all([
      m.questions.register(kcc, 'race', batch),
      other.questions.register(kcc, 'race', [...batch].reverse()),
    ]);
    expect(a.new.length + b.new.length).toBe(40);
    expect(a.duplicates.length + b.duplicates.length).toBe(40);
    const recount = await sql<{ channel: string; n: string }>`
      select channel, count(*) as n from questions group by channel order by channel`.execute(
      t.context.database.db,
    );
    for (const { channel, n } of recount.rows) {
      const rows = await m.repository.rollups('1h', channel, 'all', 0, Date.parse('2100-01-01T00:00:00Z'));
      expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(Number(n));
      const fine = await m.repository.rollups('5m', channel, 'all', 0, Date.parse('2100-01-01T00:00:00Z'));
      expect(fine.reduce((sum, row) => sum + row.n, 0)).toBe(Number(n));
    }
    const horeca = await sql<{
      n: string;
    }>`select count(*) as n from questions where 'horeca' = any (topics)`.execute(t.context.database.db);
    const horecaRollup = await m.repository.rollups(
      '1h',
      'all',
      'horeca',
      0,
      Date.parse('2100-01-01T00:00:00Z'),
    );
    expect(horecaRollup.reduce((sum, row) => sum + row.n, 0)).toBe(Number(horeca.rows[0]!.n));
  });
});

describe('concurrent single saves', () => {
  it('stores double-clicked saves once and counts every rollup column exactly like a recount', async () => {
    const m = moduleAt();
    const texts = [
      'Mag het terras van de horeca open blijven? Echt belachelijk!',
      'Waar kan ik een vraag stellen?',
      'Fijn dat de handhaving zo snel kwam, dank je wel',
      'Geldt de avondklok ook voor mijn werk?',
    ];
    // 60 saves from 12 callers at once: every third id is saved twice (a double click), all in two hours.
    const saves = Array.from({ length: 60 }, (_, i) => {
      const n = i % 3 === 2 ? i - 1 : i;
      return {
        external_id: `click-${n}`,
        received_at: new Date(Date.parse('2026-12-02T09:00:00Z') + n * 120_000).toISOString(),
        channel: n % 2 === 0 ? 'balie' : 'webformulier',
        text: texts[n % texts.length]!,
        contact: n % 5 === 0 ? { name: 'J. Jansen', email: 'j@example.org' } : undefined,
      };
    });
    const results: { new: string[]; duplicates: string[] }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < saves.length) results.push(await m.questions.register(kcc, 'clicks', [saves[next++]!]));
      }),
    );
    const distinct = new Set(saves.map((save) => save.external_id));
    expect(results.flatMap((r) => r.new).sort()).toEqual([...distinct].sort());
    expect(results.flatMap((r) => r.duplicates)).toHaveLength(saves.length - distinct.size);

    const db = t.context.database.db;
    const stored = await sql<{ id: string; external_id: string; contacts: string; events: string }>`
      select q.id, q.external_id, (select count(*) from question_contacts c where c.question_id = q.id) as contacts,
        (select string_agg(e.type, ',' order by e.id) from question_events e where e.question_id = q.id) as events
      from questions q where q.source = 'clicks'`.execute(db);
    expect(stored.rows).toHaveLength(distinct.size);
    for (const row of stored.rows) {
      expect(row.events).toBe('registered,routed');
      const n = Number(row.external_id.slice('click-'.length));
      expect(Number(row.contacts)).toBe(n % 5 === 0 ? 1 : 0);
    }
    // Every rollup row of every resolution equals a recount from the stored questions (all sources).
    for (const [table, step] of [
      ['question_rollups_5m', '5 minutes'],
      ['question_rollups_1h', '1 hour'],
    ] as const) {
      const difference = await sql<{ channel: string; topic: string; n: number }>`
        with counted as (
          select c.channel, tp.topic, date_bin(${step}::interval, q.received_at, 'epoch'::timestamptz) as bucket,
            count(*)::int as n, (count(*) filter (where q.sentiment_label = 'positive'))::int as n_pos,
            (count(*) filter (where q.sentiment_label = 'neutral'))::int as n_neu,
            (count(*) filter (where q.sentiment_label = 'negative'))::int as n_neg,
            sum(round(q.sentiment_score::float8 * 1000))::int8 as score_sum
          from questions q
            cross join lateral unnest(array[q.channel, 'all']) as c(channel)
            cross join lateral (select distinct x from unnest(array['all'] || q.topics) as x) as tp(topic)
          group by 1, 2, 3),
        kept as (select channel, topic, bucket, n, n_pos, n_neu, n_neg, score_sum from ${sql.table(table)})
        (select 'missing' as side, * from (select * from counted except all select * from kept) a)
        union all
        (select 'extra' as side, * from (select * from kept except all select * from counted) b)`.execute(db);
      expect(difference.rows, table).toEqual([]);
    }
    const clicks = await m.repository.rollups(
      '5m',
      'all',
      'all',
      Date.parse('2026-12-02T09:00:00Z'),
      Date.parse('2026-12-02T11:00:00Z'),
    );
    expect(clicks.reduce((sum, row) => sum + row.n, 0)).toBe(distinct.size);
  });
});

describe('text retention', () => {
  it('clears question and answer text after privacy.retention_days and keeps the counts', async () => {
    const m = moduleAt();
    const rollupsBefore = await m.repository.rollups(
      '1h',
      'all',
      'all',
      0,
      Date.parse('2100-01-01T00:00:00Z'),
    );
    clock += 91 * 86_400_000;
    const run = await moduleAt().questions.expire();
    expect(run.textsCleared).toBeGreaterThan(0);
    const remaining = await sql<{
      n: string;
    }>`select count(*) as n from questions where text is not null`.execute(t.context.database.db);
    expect(Number(remaining.rows[0]!.n)).toBe(0);
    expect(await m.repository.rollups('1h', 'all', 'all', 0, Date.parse('2100-01-01T00:00:00Z'))).toEqual(
      rollupsBefore,
    );
  });
});
