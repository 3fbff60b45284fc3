// Importing a question log: every row is checked on its own (a broken row is a message naming its row and field,
// the valid rows import), then the valid rows are registered in batches, idempotent on their external id, so
// importing the same file twice stores each question once.
import { RequestError } from '../request-error.js';
import { parseQuestion, type QuestionActor, type RawQuestion } from './question.js';
import { readQuestionLog } from './question-import.js';
import type { QuestionPreset } from './question-presets.js';
import type { QuestionsService } from './questions.service.js';

export interface QuestionImportResult {
  file: string;
  preset: QuestionPreset;
  format: 'csv' | 'xlsx';
  source: string;
  rows: number;
  new: number;
  duplicates: number;
  errors: { row: number; message: string }[];
}

const BATCH = 1_000;
const IN_FLIGHT = 2;

export async function importQuestionLog(
  questions: QuestionsService,
  actor: QuestionActor,
  path: string,
  options: { preset?: QuestionPreset; source?: string; timeZone: string },
): Promise<QuestionImportResult> {
  const log = await readQuestionLog(path, { preset: options.preset, timeZone: options.timeZone });
  const source = options.source ?? log.preset;
  // Logs name departments as people write them; a team is found by its id or its name.
  const teams = new Map<string, string>();
  for (const team of questions.teams.values()) {
    teams.set(team.id.toLowerCase(), team.id);
    teams.set(team.name.toLowerCase(), team.id);
  }
  const teamIds = new Set(questions.teams.keys());
  const errors: { row: number; message: string }[] = [];
  const valid: RawQuestion[] = [];
  for (const result of log.rows) {
    if ('error' in result) {
      errors.push({ row: result.row, message: result.error });
      continue;
    }
    const raw = result.question;
    const team = raw.team ? (teams.get(raw.team.toLowerCase()) ?? raw.team) : null;
    try {
      parseQuestion({ ...raw, team }, `row ${result.row}`, teamIds);
      valid.push({ ...raw, team });
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      errors.push({ row: result.row, message: error.message.replace(/^row (\d+)\./, 'row $1, ') });
    }
  }
  let added = 0;
  let duplicates = 0;
  // Two batches in flight: the next one is classified here while the database stores the one before. A failure
  // stops the import; the batches stored before it stay, and importing the file again adds only the rest.
  const failures: unknown[] = [];
  const running: Promise<void>[] = [];
  for (let i = 0; i < valid.length && failures.length === 0; i += BATCH) {
    if (running.length >= IN_FLIGHT) await running.shift();
    if (failures.length > 0) break;
    running.push(
      questions.register(actor, source, valid.slice(i, i + BATCH)).then(
        (stored) => {
          added += stored.new.length;
          duplicates += stored.duplicates.length;
        },
        (error: unknown) => {
          failures.push(error);
        },
      ),
    );
  }
  await Promise.all(running);
  if (failures.length > 0) throw failures[0];
  return {
    file: path,
    preset: log.preset,
    format: log.format,
    source,
    rows: log.rows.length,
    new: added,
    duplicates,
    errors,
  };
}
