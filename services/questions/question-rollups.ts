// What storing new questions adds to the question rollups: per (channel | all) x (topic | all) x 5-minute bucket,
// counts and integer sums only, sorted so concurrent transactions lock rollup rows in the same order.
export const QUESTION_BUCKET_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
const ALL = 'all';

export interface CountedQuestion {
  receivedAt: Date;
  channel: string;
  topics: readonly string[];
  sentimentLabel: 'positive' | 'neutral' | 'negative';
  /** -1..1; summed in thousandths so sums stay exact integers. */
  sentimentScore: number;
}

export interface QuestionRollupIncrement {
  channel: string;
  topic: string;
  bucket: number;
  n: number;
  nPos: number;
  nNeu: number;
  nNeg: number;
  scoreSum: number;
}

function compare(a: QuestionRollupIncrement, b: QuestionRollupIncrement): number {
  return (
    (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0) ||
    (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) ||
    a.bucket - b.bucket
  );
}

function sum(questions: readonly CountedQuestion[], bucketMs: number): QuestionRollupIncrement[] {
  const byKey = new Map<string, QuestionRollupIncrement>();
  for (const question of questions) {
    const bucket = Math.floor(question.receivedAt.getTime() / bucketMs) * bucketMs;
    for (const channel of [question.channel, ALL]) {
      for (const topic of [ALL, ...new Set(question.topics)]) {
        const key = `${channel}\u0000${topic}\u0000${bucket}`;
        let row = byKey.get(key);
        if (!row) {
          row = { channel, topic, bucket, n: 0, nPos: 0, nNeu: 0, nNeg: 0, scoreSum: 0 };
          byKey.set(key, row);
        }
        row.n += 1;
        if (question.sentimentLabel === 'positive') row.nPos += 1;
        else if (question.sentimentLabel === 'negative') row.nNeg += 1;
        else row.nNeu += 1;
        row.scoreSum += Math.round(question.sentimentScore * 1000);
      }
    }
  }
  return [...byKey.values()].sort(compare);
}

export function questionIncrements(questions: readonly CountedQuestion[]): {
  fiveMinutes: QuestionRollupIncrement[];
  hourly: QuestionRollupIncrement[];
} {
  return { fiveMinutes: sum(questions, QUESTION_BUCKET_MS), hourly: sum(questions, HOUR_MS) };
}
