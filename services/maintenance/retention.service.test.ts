// Text retention against in-memory fakes of the stored mentions, the partitions and the alerts: every due text is
// cleared however many batches it takes, people's ids become their keyed hash and their URLs go, institutions keep
// theirs, the alerts' quoted examples expire with the same retention, and partitions exist months ahead.
import { describe, expect, it } from 'vitest';
import { FakeAlertsRepository } from '../../test/fakes/memory/alerts.fake.js';
import { FakeMentionTexts, FakePartitions, type StoredText } from '../../test/fakes/memory/mentions.fake.js';
import { RetentionService } from './retention.service.js';

const NOW = new Date('2026-12-06T03:00:00Z');
const DAY = 86_400_000;

function mention(id: string, authorKind: StoredText['authorKind'], expiresInDays: number): StoredText {
  return {
    id,
    externalId: `post-${id}`,
    authorKind,
    title: `Titel ${id}`,
    text: `Tekst ${id}`,
    url: `https://social.example/${id}`,
    textExpiresAt: new Date(NOW.getTime() + expiresInDays * DAY),
  };
}

function setup() {
  const texts = new FakeMentionTexts();
  const partitions = new FakePartitions();
  const alerts = new FakeAlertsRepository();
  const service = new RetentionService(texts, partitions, (id) => `hash:${id.length}`, {
    alerts,
    retentionDays: 30,
  });
  return { texts, partitions, alerts, service };
}

describe('RetentionService', () => {
  it('clears every due text in batches until a batch comes back short', async () => {
    const { texts, service } = setup();
    texts.rows.push(
      ...['1', '2', '3', '4', '5'].map((id) => mention(id, 'person', -1)),
      mention('6', 'person', 1),
      mention('7', 'institution', 2),
    );
    expect(await service.expireDueText(2, NOW)).toBe(5);
    expect(texts.batches).toEqual([2, 2, 2]);
    expect(texts.rows.filter((row) => row.text !== null).map((row) => row.id)).toEqual(['6', '7']);
  });

  it('asks once more after a full last batch, and stops at an empty one', async () => {
    const { texts, service } = setup();
    texts.rows.push(mention('1', 'person', -1), mention('2', 'person', -1));
    expect(await service.expireDueText(2, NOW)).toBe(2);
    expect(texts.batches).toEqual([2, 2]);
  });

  it('hands the text store the keyed hasher for people`s ids (the fake writes as the SQL does)', async () => {
    const { texts, service } = setup();
    texts.rows.push(mention('1', 'person', -1), mention('2', 'institution', -1), mention('3', 'unknown', -1));
    await service.expireDueText(100, NOW);
    expect(texts.rows.map((row) => [row.externalId, row.url, row.text, row.title])).toEqual([
      ['hash:6', null, null, null],
      ['post-2', 'https://social.example/2', null, null],
      ['hash:6', null, null, null],
    ]);
  });

  it('removes the alerts` example posts older than the retention, keeping newer ones', async () => {
    const { alerts, service } = setup();
    const alert = await alerts.insert({
      kind: 'spike',
      ruleId: 'volume',
      seriesKey: 'volume:all:all',
      title: 'Piek',
      at: new Date(NOW.getTime() - 40 * DAY),
      score: 0.9,
      observed: 100,
      expected: 10,
      details: {},
    });
    await alerts.addEvent(
      {
        alertId: alert.id,
        type: 'opened',
        at: alert.openedAt,
        message: {
          examples: [
            { text: 'oud', postedAt: new Date(NOW.getTime() - 31 * DAY).toISOString() },
            { text: 'nieuw', postedAt: new Date(NOW.getTime() - 29 * DAY).toISOString() },
          ],
        },
      },
      [],
    );
    await service.expireDueText(10, NOW);
    expect(alerts.outbox()[0]!.event.message).toEqual({
      examples: [{ text: 'nieuw', postedAt: new Date(NOW.getTime() - 29 * DAY).toISOString() }],
    });
  });

  it('makes this month`s partition and the next ones, across the turn of the year', async () => {
    const { partitions, service } = setup();
    expect(await service.preparePartitions(2, NOW)).toEqual(['2026-12', '2027-01', '2027-02']);
    expect([...partitions.months]).toEqual(['2026-12', '2027-01', '2027-02']);
  });
});
