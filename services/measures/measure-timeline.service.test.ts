// Loading a timeline file against the in-memory fakes of the measures repository and the unit of work: new entries
// inserted, changed ones their next version, equal ones left alone; a file with problems loads nothing and names
// them; a failure in the middle of the load leaves the timeline as it was (one transaction).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeMeasuresRepository } from '../../test/fakes/memory/measures.fake.js';
import { FakeUnitOfWork } from '../../test/fakes/memory/unit-of-work.fake.js';
import { MeasureTimelineService, TimelineFileError } from './measure-timeline.service.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-d-timeline-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function file(name: string, entries: string): string {
  const target = path.join(folder, name);
  fs.writeFileSync(target, `format: onderstroom.measures/1\nmeasures:\n${entries}`);
  return target;
}

const ENTRY = (id: string, title: string) => `
  - id: ${id}
    level: national
    title: ${title}
    effective_from: 2021-01-01
    topics: [mondkapjes]
    direction: tightening
`;

let measures: FakeMeasuresRepository;
let unitOfWork: FakeUnitOfWork;
let service: MeasureTimelineService;

beforeEach(() => {
  measures = new FakeMeasuresRepository();
  unitOfWork = new FakeUnitOfWork({ measures });
  service = new MeasureTimelineService(unitOfWork, (topic) => (topic === 'mondkapjes' ? 'mondkapjes' : null));
});

describe('MeasureTimelineService.loadFile', () => {
  it('inserts new entries, makes a changed one its next version and leaves equal ones alone', async () => {
    const first = file('first.yaml', ENTRY('nl-a', 'Een') + ENTRY('nl-b', 'Twee'));
    expect(await service.loadFile(first)).toEqual({
      file: first,
      measures: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await service.loadFile(first)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = file('changed.yaml', ENTRY('nl-a', 'Een') + ENTRY('nl-b', 'Twee, aangescherpt'));
    expect(await service.loadFile(changed)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await measures.versions('nl-b')).map((v) => [v.version, v.origin, v.changed])).toEqual([
      [1, 'file', []],
      [2, 'file', ['title']],
    ]);
  });

  it('loads nothing from a file with problems, and names them', async () => {
    const bad = file('bad.yaml', ENTRY('nl-a', 'Een') + ENTRY('nl-c', 'Drie').replace('mondkapjes', 'weer'));
    const error = await service.loadFile(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimelineFileError);
    expect((error as TimelineFileError).problems.join('\n')).toMatch(/weer/);
    expect((error as TimelineFileError).message).toMatch(/nothing was loaded/);
    expect(measures.size).toBe(0);
  });

  it('leaves the timeline as it was when storing fails halfway', async () => {
    measures.failInsertAfter = 1;
    const both = file('both.yaml', ENTRY('nl-a', 'Een') + ENTRY('nl-b', 'Twee'));
    await expect(service.loadFile(both)).rejects.toThrow('insert failed');
    expect(measures.size).toBe(0);
    expect(unitOfWork.outcomes).toEqual({ committed: 0, rolledBack: 1 });
  });
});
