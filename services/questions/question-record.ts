// A question as the register stores and reads it: a new question with its events and notices, a stored question,
// its history events and a claimed notice of the outbox. Defined here, in the domain; the questions repository
// stores and reads them.
export interface NewQuestionRow {
  source: string;
  externalId: string;
  receivedAt: Date;
  channel: string;
  text: string;
  language: string;
  topics: readonly string[];
  sentimentScore: number;
  sentimentLabel: 'positive' | 'neutral' | 'negative';
  sentimentModel: string;
  team: string;
  dueAt: Date;
  callbackWanted: boolean;
  callbackBy: Date | null;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
  /** Appended to the history in the inserting transaction. */
  events: { actor: string; type: string; detail: Record<string, unknown> }[];
  /** Written to the outbox in the inserting transaction. */
  notices: { kind: 'routed'; channelId: string; message: unknown }[];
}

export interface QuestionRecord {
  id: string;
  source: string;
  externalId: string;
  receivedAt: Date;
  channel: string;
  text: string | null;
  language: string;
  topics: string[];
  sentiment: { score: number; label: string; model: string };
  status: string;
  team: string;
  assignee: string | null;
  dueAt: Date;
  overdueAt: Date | null;
  escalatedAt: Date | null;
  callbackWanted: boolean;
  callbackBy: Date | null;
  answer: string | null;
  answeredHow: string | null;
  answeredTo: string | null;
  answeredAt: Date | null;
  /** The published FAQ the question was answered with ("beantwoord met FAQ"); null otherwise. */
  answeredFaqId: string | null;
  closedAt: Date | null;
  hasContact: boolean;
}

export interface QuestionEventRecord {
  id: string;
  at: Date;
  actor: string;
  type: string;
  detail: Record<string, unknown>;
}

export interface ClaimedNotice {
  id: string;
  questionId: string;
  kind: string;
  channelId: string;
  message: unknown;
  attempts: number;
  createdAt: Date;
}
