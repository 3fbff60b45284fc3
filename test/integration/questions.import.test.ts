// Importing question logs: a generic KCC CSV with Dutch headers and a KISS contact-moment XLSX; broken rows are
// reported by row and field while the valid rows import; a file with unknown headers stores nothing; twice = once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importQuestionLog } from '../../services/questions/question-import.service.js';
import type { QuestionActor } from '../../services/questions/question.js';
import { ImportFileError } from '../../services/importers/import-file-error.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
const actor: QuestionActor = { name: 'import:test', role: 'kcc', team: null, apiKeyId: null };

beforeAll(async () => {
  t = await createTestContext(`
questions:
  teams:
    - { id: kcc, name: KCC, due_hours: 8 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 16 }
    - { id: handhaving, name: Handhaving, due_hours: 8 }
  routes:
    - { topic: horeca, team: economische-zaken }
`);
});

afterAll(async () => {
  await t.close();
});

async function count(table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
    t.context.database.db,
  );
  return Number(result.rows[0]!.n);
}

const run = (file: string, preset?: 'kcc' | 'kiss') =>
  importQuestionLog(t.context.questions.questions, actor, file, { preset, timeZone: 'Europe/Amsterdam' });

describe('questions import', () => {
  it('imports a KCC log with Dutch headers, reports broken rows by row and field, and twice is once', async () => {
    const file = path.join(t.dir, 'kcc-log.csv');
    fs.writeFileSync(
      file,
      [
        'Registratienummer;Datum;Tijd;Kanaal;Vraag;Afdeling;Terugbellen;Naam;Telefoonnummer',
        'K-1;01-12-2026;09:15;Telefoon;Mag mijn terras open blijven na 22 uur?;;ja;J. Bakker;0611111111',
        'K-2;01-12-2026;09:20;E-mail;Waar kan ik een vaccinatieafspraak maken?;Handhaving;nee;;',
        'K-3;31-13-2026;09:25;Telefoon;Datum bestaat niet;;;;',
        'K-4;01-12-2026;09:30;Fax;Onbekend kanaal;;;;',
        'K-5;01-12-2026;09:35;Balie;;;;;',
        'K-6;01-12-2026;09:40;Balie;Vraag voor een team dat niet bestaat;Sport;;;',
        'K-7;01-12-2026;09:45;Balie;"<script>alert(1)</script> klopt dit?";;;;',
        'K-1;01-12-2026;09:50;Telefoon;Zelfde nummer nog een keer;;;;',
      ].join('\r\n'),
    );
    const first = await run(file);
    expect(first).toMatchObject({ preset: 'kcc', format: 'csv', rows: 8, new: 3, duplicates: 0 });
    expect(first.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^row 4, received: "31-13-2026" is not a date/),
      expect.stringMatching(/^row 5, kanaal: "Fax" is not a channel/),
      'row 6, vraag: the question is empty',
      expect.stringMatching(/^row 7, team: no team "Sport"/),
      'row 9: id "K-1" is also row 2',
    ]);
    const again = await run(file);
    expect(again).toMatchObject({ new: 0, duplicates: 3 });
    expect(await count('questions')).toBe(3);
    const page = await t.context.questions.questions.list(
      { name: 'c', role: 'coordinator', team: null, apiKeyId: null },
      {},
      'test',
    );
    const byId = new Map(page.questions.map((q) => [q.externalId, q]));
    expect(byId.get('K-1')).toMatchObject({
      team: 'economische-zaken',
      callbackWanted: true,
      hasContact: true,
    });
    expect(byId.get('K-1')!.receivedAt.toISOString()).toBe('2026-12-01T08:15:00.000Z');
    expect(byId.get('K-2')).toMatchObject({ team: 'handhaving', channel: 'e-mail', hasContact: false });
    expect(byId.get('K-7')!.text).toBe('<script>alert(1)</script> klopt dit?');
  });

  it('imports KISS contact moments from XLSX, joining vraag and specifiekeVraag', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Contactmomenten');
    sheet.addRow([
      'startdatum',
      'kanaal',
      'vraag',
      'specifiekeVraag',
      'gespreksresultaat',
      'verantwoordelijkeAfdeling',
    ]);
    sheet.addRow([
      '2026-12-02 10:00',
      'telefoon',
      'Horeca',
      'Tot hoe laat mag een café open?',
      'Terugbelverzoek',
      '',
    ]);
    sheet.addRow([
      '2026-12-02 10:05',
      'balie',
      'Parkeren',
      'Hoe vraag ik een vergunning aan?',
      'Beantwoord',
      'KCC',
    ]);
    const file = path.join(t.dir, 'kiss.xlsx');
    await workbook.xlsx.writeFile(file);
    const before = await count('questions');
    const result = await run(file);
    expect(result).toMatchObject({ preset: 'kiss', format: 'xlsx', rows: 2, new: 2, errors: [] });
    expect((await run(file)).new).toBe(0);
    expect(await count('questions')).toBe(before + 2);
  });

  it('refuses a file with unknown headers, naming what it needs and what it found, and stores nothing', async () => {
    const file = path.join(t.dir, 'onbekend.csv');
    fs.writeFileSync(file, 'Wie;Wat;Waar\nPiet;iets;hier\n');
    const before = await count('questions');
    const attempt = run(file, 'kcc');
    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    await expect(run(file, 'kcc')).rejects.toThrow(
      /"onbekend\.csv" is not a kcc question log: no column for channel \(one of: kanaal, contactkanaal\); text .*Its headers are: Wie, Wat, Waar\./,
    );
    expect(await count('questions')).toBe(before);
  });
});

describe('questions import in batches', () => {
  it('stores a log of several batches (two in flight) once, with events and counts for every row', async () => {
    const file = path.join(t.dir, 'kcc-batches.csv');
    const texts = [
      'Mag mijn terras open blijven?',
      'Waar kan ik me laten testen?',
      'Hoe laat sluit de winkel?',
    ];
    const lines = ['Registratienummer;Datum;Tijd;Kanaal;Vraag'];
    for (let i = 0; i < 3_500; i++) {
      const at = new Date(Date.parse('2026-10-05T06:00:00Z') + i * 45_000);
      const day = `${String(at.getUTCDate()).padStart(2, '0')}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-2026`;
      const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
      lines.push(`M-${i};${day};${time};${i % 2 === 0 ? 'Telefoon' : 'Balie'};${texts[i % 3]} (${i})`);
    }
    fs.writeFileSync(file, lines.join('\n'));
    const db = t.context.database.db;
    const before = await count('questions');
    const first = await run(file);
    expect(first).toMatchObject({ rows: 3_500, new: 3_500, duplicates: 0, errors: [] });
    expect((await count('questions')) - before).toBe(3_500);
    const events = await sql<{ n: string }>`select count(*) as n from question_events e
      join questions q on q.id = e.question_id where q.external_id like 'M-%'`.execute(db);
    expect(Number(events.rows[0]!.n)).toBe(7_000);
    const counted = await sql<{ n: string }>`select coalesce(sum(n), 0) as n from question_rollups_1h
      where channel = 'all' and topic = 'all' and bucket >= '2026-10-04T00:00:00Z' and bucket < '2026-10-08T00:00:00Z'`.execute(
      db,
    );
    expect(Number(counted.rows[0]!.n)).toBe(3_500);
    const again = await run(file);
    expect(again).toMatchObject({ rows: 3_500, new: 0, duplicates: 3_500 });
    expect((await count('questions')) - before).toBe(3_500);
  });
});
