// The question register in memory, written the way QuestionsRepository's statements write it: stored once per
// (source, external id) with its events, contact and notices; a change decided on the current row and kept only
// when `decide` returns (a throw changes nothing); overdue questions escalated once; retention of contact and text.
// Series are counted from the stored rows at 5 minutes and hours (local days are the repository's own SQL).
import { badRequest } from '../../../services/request-error.js';
import type {
  QuestionFilter,
  QuestionPatch,
  QuestionSeriesQuery,
} from '../../../services/repositories/questions.repository.js';
import type { QuestionsStore } from '../../../services/questions/questions.service.js';
import type {
  NewQuestionRow,
  QuestionEventRecord,
  QuestionRecord,
} from '../../../services/questions/question-record.js';
import { copyOf, type Snapshottable } from './rollback.js';

/** The methods of the repository the question services call: the service's own store. */
export type FakedQuestionsMethods = QuestionsStore;

type Contact = NonNullable<NewQuestionRow['contact']>;

export interface StoredNotice {
  questionId: string;
  kind: string;
  channelId: string;
  message: unknown;
}

interface State {
  questions: Map<string, QuestionRecord>;
  events: Map<string, QuestionEventRecord[]>;
  contacts: Map<string, Contact>;
  notices: StoredNotice[];
  nextId: number;
  nextEventId: number;
}

export class FakeQuestionsRepository implements FakedQuestionsMethods, Snapshottable {
  private state: State = {
    questions: new Map(),
    events: new Map(),
    contacts: new Map(),
    notices: [],
    nextId: 1,
    nextEventId: 1,
  };
  /** The FAQs a question may be linked to when a change commits (the repository checks the faqs table). */
  readonly publishedFaqIds = new Set<string>();

  snapshot(): () => void {
    const saved = copyOf(this.state);
    return () => {
      this.state = saved;
    };
  }

  /** Every notice queued so far, in order (for assertions). */
  get notices(): readonly StoredNotice[] {
    return this.state.notices;
  }

  get size(): number {
    return this.state.questions.size;
  }

  store(
    rows: readonly NewQuestionRow[],
    now: Date,
  ): Promise<{ inserted: { id: string; source: string; externalId: string }[] }> {
    const keys = new Set(rows.map((row) => `${row.source}\u0000${row.externalId}`));
    if (keys.size !== rows.length)
      return Promise.reject(new Error('questions.store: the same (source, external id) twice in one batch'));
    const inserted: { id: string; source: string; externalId: string }[] = [];
    for (const row of rows) {
      const exists = [...this.state.questions.values()].some(
        (q) => q.source === row.source && q.externalId === row.externalId,
      );
      if (exists) continue;
      const id = String(this.state.nextId++);
      this.state.questions.set(id, {
        id,
        source: row.source,
        externalId: row.externalId,
        receivedAt: row.receivedAt,
        channel: row.channel,
        text: row.text,
        language: row.language,
        topics: [...row.topics],
        sentiment: { score: row.sentimentScore, label: row.sentimentLabel, model: row.sentimentModel },
        status: 'nieuw',
        team: row.team,
        assignee: null,
        dueAt: row.dueAt,
        overdueAt: null,
        escalatedAt: null,
        callbackWanted: row.callbackWanted,
        callbackBy: row.callbackBy,
        answer: null,
        answeredHow: null,
        answeredTo: null,
        answeredAt: null,
        answeredFaqId: null,
        closedAt: null,
        hasContact: row.contact !== null,
      });
      if (row.contact !== null) this.state.contacts.set(id, { ...row.contact });
      for (const event of row.events) this.appendEvent(id, now, event);
      for (const notice of row.notices) this.enqueueNotice(id, notice);
      inserted.push({ id, source: row.source, externalId: row.externalId });
    }
    return Promise.resolve({ inserted });
  }

  list(filter: QuestionFilter): Promise<QuestionRecord[]> {
    const rows = [...this.state.questions.values()]
      .filter((q) => filter.fromMs === null || q.receivedAt.getTime() >= filter.fromMs)
      .filter((q) => filter.toMs === null || q.receivedAt.getTime() < filter.toMs)
      .filter((q) => filter.topic === null || q.topics.includes(filter.topic))
      .filter((q) => filter.status === null || q.status === filter.status)
      .filter((q) => filter.team === null || q.team === filter.team)
      .filter((q) => filter.overdue !== true || (q.overdueAt !== null && q.closedAt === null))
      .filter((q) => filter.overdue !== false || q.overdueAt === null || q.closedAt !== null)
      .sort(newestFirst)
      .filter((q) => filter.after === null || newestFirst(q, afterKey(filter.after)) > 0)
      .slice(0, filter.limit);
    return Promise.resolve(rows.map((row) => copyOf(row)));
  }

  get(id: string): Promise<QuestionRecord | null> {
    const row = this.state.questions.get(id);
    return Promise.resolve(row ? copyOf(row) : null);
  }

  history(id: string): Promise<QuestionEventRecord[]> {
    return Promise.resolve(copyOf(this.state.events.get(id) ?? []));
  }

  change(
    id: string,
    now: Date,
    decide: (current: QuestionRecord) => {
      patch: QuestionPatch;
      event: { actor: string; type: string; detail: Record<string, unknown> };
      notices?: { kind: 'routed'; channelId: string; message: unknown }[];
    },
  ): Promise<QuestionRecord | null> {
    const current = this.state.questions.get(id);
    if (current === undefined) return Promise.resolve(null);
    try {
      // Decided before anything is written: a throw leaves the question as it was.
      const { patch, event, notices } = decide(copyOf(current));
      if (
        patch.answeredFaqId !== undefined &&
        patch.answeredFaqId !== null &&
        !this.publishedFaqIds.has(patch.answeredFaqId)
      )
        throw badRequest(`faq_id: FAQ ${patch.answeredFaqId} is not published (any more)`);
      const next: QuestionRecord = { ...current };
      for (const [field, value] of Object.entries(patch) as [keyof QuestionPatch, unknown][])
        if (value !== undefined) Object.assign(next, { [field]: value });
      if (patch.dueAt !== undefined) next.overdueAt = null;
      this.state.questions.set(id, next);
      this.appendEvent(id, now, event);
      for (const notice of notices ?? []) this.enqueueNotice(id, notice);
      return Promise.resolve(copyOf(next));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  escalateOverdue(
    now: Date,
    limit: number,
    notices: (question: QuestionRecord) => { channelId: string; message: unknown }[],
  ): Promise<QuestionRecord[]> {
    const due = [...this.state.questions.values()]
      .filter(
        (q) =>
          q.escalatedAt === null &&
          q.answeredAt === null &&
          q.closedAt === null &&
          q.dueAt.getTime() <= now.getTime(),
      )
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || Number(a.id) - Number(b.id))
      .slice(0, limit);
    const escalated: QuestionRecord[] = [];
    for (const question of due) {
      question.overdueAt = now;
      question.escalatedAt = now;
      this.appendEvent(question.id, now, {
        actor: 'systeem',
        type: 'escalated',
        detail: { due_at: question.dueAt.toISOString() },
      });
      for (const notice of notices(copyOf(question)))
        this.enqueueNotice(question.id, { kind: 'escalated', ...notice });
      escalated.push(copyOf(question));
    }
    return Promise.resolve(escalated);
  }

  readContact(id: string): Promise<Contact | null> {
    const contact = this.state.contacts.get(id);
    return Promise.resolve(contact ? { ...contact } : null);
  }

  deleteContactsClosedBefore(closedBefore: Date): Promise<number> {
    let deleted = 0;
    for (const id of [...this.state.contacts.keys()]) {
      const closedAt = this.state.questions.get(id)?.closedAt ?? null;
      if (closedAt !== null && closedAt.getTime() < closedBefore.getTime()) {
        this.state.contacts.delete(id);
        this.state.questions.get(id)!.hasContact = false;
        deleted += 1;
      }
    }
    return Promise.resolve(deleted);
  }

  expireTextReceivedBefore(receivedBefore: Date, _now: Date): Promise<number> {
    let cleared = 0;
    for (const question of this.state.questions.values()) {
      if (question.text !== null && question.receivedAt.getTime() < receivedBefore.getTime()) {
        question.text = null;
        question.answer = null;
        cleared += 1;
      }
    }
    return Promise.resolve(cleared);
  }

  series(query: QuestionSeriesQuery): Promise<{ time: number; n: number; nNeg: number; scoreSum: number }[]> {
    const inBucket = this.bucketed(query);
    return Promise.resolve(
      inBucket.map(({ time, questions }) => {
        const matching = questions.filter(
          (q) =>
            (query.channel === 'all' || q.channel === query.channel) &&
            (query.topic === 'all' || q.topics.includes(query.topic)),
        );
        return {
          time,
          n: matching.length,
          nNeg: matching.filter((q) => q.sentiment.label === 'negative').length,
          // The rollups hold the score sum in thousandths, as whole numbers.
          scoreSum: matching.reduce((sum, q) => sum + Math.round(q.sentiment.score * 1000), 0),
        };
      }),
    );
  }

  seriesByKey(
    query: QuestionSeriesQuery & { by: 'topic' | 'channel'; keys: readonly string[] },
  ): Promise<{ time: number; key: string; n: number }[]> {
    const rows: { time: number; key: string; n: number }[] = [];
    for (const { time, questions } of this.bucketed(query))
      for (const key of query.keys)
        rows.push({
          time,
          key,
          n: questions.filter((q) =>
            query.by === 'topic'
              ? (query.channel === 'all' || q.channel === query.channel) && q.topics.includes(key)
              : q.channel === key && (query.topic === 'all' || q.topics.includes(query.topic)),
          ).length,
        });
    return Promise.resolve(rows);
  }

  openByTeam(now: Date): Promise<{ team: string; open: number; overdue: number }[]> {
    const byTeam = new Map<string, { team: string; open: number; overdue: number }>();
    for (const q of this.state.questions.values()) {
      if (q.answeredAt !== null || q.closedAt !== null) continue;
      const row = byTeam.get(q.team) ?? { team: q.team, open: 0, overdue: 0 };
      row.open += 1;
      if (q.dueAt.getTime() <= now.getTime()) row.overdue += 1;
      byTeam.set(q.team, row);
    }
    return Promise.resolve([...byTeam.values()].sort((a, b) => a.team.localeCompare(b.team)));
  }

  answerTimesByTeam(
    fromMs: number,
    toMs: number,
  ): Promise<{ team: string; answered: number; medianSeconds: number }[]> {
    const byTeam = new Map<string, number[]>();
    for (const q of this.state.questions.values()) {
      const at = q.answeredAt?.getTime();
      if (at === undefined || at < fromMs || at >= toMs) continue;
      byTeam.set(q.team, [...(byTeam.get(q.team) ?? []), (at - q.receivedAt.getTime()) / 1000]);
    }
    return Promise.resolve(
      [...byTeam]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, seconds]) => ({ team, answered: seconds.length, medianSeconds: median(seconds) })),
    );
  }

  private bucketed(query: QuestionSeriesQuery): { time: number; questions: QuestionRecord[] }[] {
    if (query.interval === '1d')
      throw new Error('FakeQuestionsRepository: local-day series are not faked; use 5m or 1h');
    const step = query.interval === '5m' ? 300_000 : 3_600_000;
    const buckets: { time: number; questions: QuestionRecord[] }[] = [];
    for (let time = Math.floor(query.fromMs / step) * step; time < query.toMs; time += step)
      buckets.push({
        time,
        questions: [...this.state.questions.values()].filter((q) => {
          const at = q.receivedAt.getTime();
          return at >= time && at < time + step && at >= Math.floor(query.fromMs / 300_000) * 300_000;
        }),
      });
    return buckets;
  }

  private appendEvent(
    questionId: string,
    at: Date,
    event: { actor: string; type: string; detail: Record<string, unknown> },
  ): void {
    const events = this.state.events.get(questionId) ?? [];
    events.push({ id: String(this.state.nextEventId++), at, ...copyOf(event) });
    this.state.events.set(questionId, events);
  }

  private enqueueNotice(
    questionId: string,
    notice: { kind: string; channelId: string; message: unknown },
  ): void {
    // One notice per (question, kind, channel), as the outbox's unique key keeps it.
    const exists = this.state.notices.some(
      (n) => n.questionId === questionId && n.kind === notice.kind && n.channelId === notice.channelId,
    );
    if (!exists) this.state.notices.push({ questionId, ...copyOf(notice) });
  }
}

function newestFirst(a: { receivedAt: Date; id: string }, b: { receivedAt: Date; id: string }): number {
  return b.receivedAt.getTime() - a.receivedAt.getTime() || Number(b.id) - Number(a.id);
}

function afterKey(after: { receivedAtMs: number; id: string }): { receivedAt: Date; id: string } {
  return { receivedAt: new Date(after.receivedAtMs), id: after.id };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
