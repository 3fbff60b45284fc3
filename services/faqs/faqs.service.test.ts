// The FAQ register against an in-memory fake of its repository: who reads and who writes which FAQs, every change
// a version and an unchanged edit none, edits on an old version refused, links checked before anything is stored,
// and a file imported all or nothing and exactly once (a failure mid-import leaves the register as it was).
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/fakes/memory/clock.js';
import { FakeFaqsRepository } from '../../test/fakes/memory/faqs.fake.js';
import type { RequestError } from '../request-error.js';
import type { FaqActor } from './faq.js';
import { FaqFileError, type FaqFileEntry } from './faq-file.js';
import { FaqsService, FaqVersionConflict } from './faqs.service.js';

const coordinator: FaqActor = { name: 'coco', role: 'coordinator', apiKeyId: null };
const kcc: FaqActor = { name: 'kim', role: 'kcc', apiKeyId: null };
const team: FaqActor = { name: 'tom', role: 'team', apiKeyId: null };

const TOPICS: Record<string, string> = {
  mondkapjes: 'mondkapjes',
  'mond-kapjes': 'mondkapjes',
  vaccinatie: 'vaccinatie',
};

let repository: FakeFaqsRepository;
let clock: FakeClock;
let service: FaqsService;

beforeEach(() => {
  repository = new FakeFaqsRepository();
  repository.measureIds.add('m-mondkapjes');
  clock = new FakeClock('2026-12-06T10:00:00Z');
  service = new FaqsService({
    repository,
    checks: {
      resolveTopic: (value) => TOPICS[value.toLowerCase()] ?? null,
      topicIds: ['mondkapjes', 'vaccinatie'],
      teams: new Set(['kcc', 'communicatie']),
    },
    now: clock.now,
  });
});

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const entry = (
  row: number,
  id: string,
  question: string,
  topics: string[] = ['mondkapjes'],
): FaqFileEntry => ({
  row,
  id,
  question,
  answer: `Antwoord op: ${question}`,
  topics,
  audience: ['inwoners'],
  url: null,
});

describe('FaqsService: writing', () => {
  it('adds an FAQ as its first version; only coordinators and admins write', async () => {
    const faq = await service.create(coordinator, {
      question: ' Moet ik een mondkapje dragen? ',
      answer: 'Ja, in de bus.',
      topics: ['Mond-kapjes'],
      measures: ['m-mondkapjes'],
    });
    expect(faq).toMatchObject({
      question: 'Moet ik een mondkapje dragen?',
      topics: ['mondkapjes'],
      version: 1,
    });
    expect((await repository.versions(faq.id)).map((v) => [v.version, v.actor, v.origin])).toEqual([
      [1, 'coco', 'manual'],
    ]);
    const forbidden = await refusal(service.create(kcc, { question: 'Vraag', answer: 'Antwoord' }));
    expect((forbidden as RequestError).statusCode).toBe(403);
    expect(repository.size).toBe(1);
  });

  it('refuses bad fields and unknown links naming each field, storing nothing', async () => {
    const missing = await refusal(service.create(coordinator, { answer: 'Antwoord' }));
    expect(missing.message).toBe('question: is missing');
    const bad = await refusal(
      service.create(coordinator, {
        question: 'Vraag',
        answer: 'Antwoord',
        topics: ['reizen'],
        url: 'ftp://example.nl',
      }),
    );
    expect(bad.message).toBe(
      'url: "ftp://example.nl" is not an http(s) address; topics: unknown topic "reizen"; use one of mondkapjes, vaccinatie',
    );
    const links = await refusal(
      service.create(coordinator, {
        question: 'Vraag',
        answer: 'Antwoord',
        measures: ['m-9'],
        owner: 'user:42',
      }),
    );
    expect(links.message).toBe('measures: no measure "m-9" in the timeline; owner: no user 42');
    expect(repository.size).toBe(0);
  });

  it('stores a changed edit as the next version, an unchanged one as none, and refuses an edit on an old version', async () => {
    const faq = await service.create(coordinator, { question: 'Vraag?', answer: 'Eerste antwoord.' });
    clock.advance(60_000);
    const same = await service.update(coordinator, faq.id, { answer: ' Eerste antwoord. ', topics: [] }, 1);
    expect(same).toMatchObject({ changed: [], faq: { version: 1 } });
    const edited = await service.update(
      coordinator,
      faq.id,
      { answer: 'Tweede antwoord.', status: 'gepubliceerd' },
      1,
    );
    expect(edited).toMatchObject({
      changed: ['answer', 'status'],
      faq: { version: 2, answer: 'Tweede antwoord.' },
    });
    const stale = await refusal(service.update(coordinator, faq.id, { answer: 'Derde antwoord.' }, 1));
    expect(stale).toBeInstanceOf(FaqVersionConflict);
    expect((stale as RequestError).statusCode).toBe(409);
    expect(stale.message).toBe('version: the FAQ is at version 2 now; reload it and make the change again');
    expect((await repository.get(faq.id))!.answer).toBe('Tweede antwoord.');
    expect((await refusal(service.update(coordinator, '99', { answer: 'x' }))).message).toBe('no FAQ 99');
  });

  it('checks an FAQ: the stale flag cleared, recorded as a version of the same content', async () => {
    const faq = await service.create(coordinator, { question: 'Vraag?', answer: 'Antwoord.' });
    repository.flag(faq.id, 'maatregel gewijzigd', clock.now(), 'm-mondkapjes');
    clock.advance(3_600_000);
    const checked = await service.check(coordinator, faq.id);
    expect(checked).toMatchObject({
      stale: null,
      lastCheckedAt: clock.now(),
      version: 2,
      answer: 'Antwoord.',
    });
    expect((await repository.versions(faq.id))[0]).toMatchObject({
      changed: ['gecontroleerd'],
      origin: 'check',
    });
  });

  it('makes an FAQ once however often the same gap concept is asked for', async () => {
    const input = { question: 'Mag ik reizen?', answer: 'Concept.' };
    const first = await service.createOnce(coordinator, input, {
      find: (repo) => repo.lockedGapConceptOf(['q-1', 'q-2']),
      record: (repo, faqId) => repo.recordGapConcept('q-1', faqId, 'coco', clock.now()),
    });
    const second = await service.createOnce(coordinator, input, {
      // The same cluster again, grown by one question.
      find: (repo) => repo.lockedGapConceptOf(['q-3', 'q-2', 'q-1']),
      record: (repo, faqId) => repo.recordGapConcept('q-3', faqId, 'coco', clock.now()),
    });
    expect(first.created).toBe(true);
    expect(second).toEqual({ faq: first.faq, created: false });
    expect(repository.size).toBe(1);
  });
});

describe('FaqsService: reading', () => {
  it('shows the public published FAQs only, and pages through them by cursor', async () => {
    for (const question of ['Een?', 'Twee?', 'Drie?'])
      await service.create(coordinator, { question, answer: 'Ja.', status: 'gepubliceerd' });
    const concept = await service.create(coordinator, { question: 'Concept?', answer: 'Nog niet.' });
    const page = await service.list(null, { limit: 2 });
    expect(page.faqs.map((faq) => faq.question)).toEqual(['Een?', 'Twee?']);
    const rest = await service.list(null, { limit: 2, cursor: page.nextCursor });
    expect(rest).toMatchObject({ faqs: [{ question: 'Drie?' }], nextCursor: null });
    expect((await service.published()).map((faq) => faq.question)).toEqual(['Een?', 'Twee?', 'Drie?']);
    // A concept is absent to the public and the team role, present to the KCC.
    expect(((await refusal(service.open(null, concept.id))) as RequestError).statusCode).toBe(404);
    expect(((await refusal(service.list(team, { status: 'concept' }))) as RequestError).statusCode).toBe(403);
    expect((await service.open(kcc, concept.id)).faq.question).toBe('Concept?');
    expect((await refusal(service.list(null, { cursor: 'nonsense' }))).message).toBe(
      'cursor: not a cursor from a previous page (use next_cursor as given)',
    );
  });
});

describe('FaqsService.importEntries', () => {
  it('imports new rows, changes changed ones, and leaves equal ones; a second import of the same file changes nothing', async () => {
    const file = [entry(2, 'faq-1', 'Mondkapje in de bus?'), entry(3, 'faq-2', 'Mondkapje op school?')];
    expect(await service.importEntries(coordinator, 'faqs.csv', file)).toEqual({
      file: 'faqs.csv',
      rows: 2,
      new: 2,
      changed: 0,
      unchanged: 0,
    });
    expect(await service.importEntries(coordinator, 'faqs.csv', file)).toMatchObject({
      new: 0,
      unchanged: 2,
    });
    const changed = [file[0]!, { ...file[1]!, answer: 'Niet meer nodig.' }];
    expect(await service.importEntries(coordinator, 'faqs.csv', changed)).toMatchObject({
      changed: 1,
      unchanged: 1,
    });
    expect(repository.size).toBe(2);
  });

  it('refuses a file with a bad row naming its row and column, importing nothing', async () => {
    const file = [entry(2, 'faq-1', 'Goed?'), entry(3, 'faq-2', 'Fout?', ['reizen'])];
    const error = await refusal(service.importEntries(coordinator, 'faqs.csv', file));
    expect(error).toBeInstanceOf(FaqFileError);
    expect((error as FaqFileError).problems).toEqual([
      { row: 3, column: 'onderwerp', message: 'unknown topic "reizen"; use one of mondkapjes, vaccinatie' },
    ]);
    expect(repository.size).toBe(0);
  });

  it('stores nothing of a file when the store fails halfway (one transaction)', async () => {
    repository.failInsertAfter = 1;
    const file = [entry(2, 'faq-1', 'Een?'), entry(3, 'faq-2', 'Twee?')];
    await expect(service.importEntries(coordinator, 'faqs.csv', file)).rejects.toThrow('insert failed');
    expect(repository.size).toBe(0);
    repository.failInsertAfter = null;
    expect(await service.importEntries(coordinator, 'faqs.csv', file)).toMatchObject({ new: 2 });
  });
});
