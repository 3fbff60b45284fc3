// Editing the timeline by hand against in-memory fakes of the measures repository and the unit of work: fields
// checked strictly and every problem named, a readable free id, each edit the next version (an unchanged edit none),
// and the measure_change alert raised in the transaction that stores the version: when raising it fails, nothing
// of the measure is stored.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/fakes/memory/clock.js';
import { FakeMeasuresRepository } from '../../test/fakes/memory/measures.fake.js';
import { copyOf, type Snapshottable } from '../../test/fakes/memory/rollback.js';
import { FakeUnitOfWork } from '../../test/fakes/memory/unit-of-work.fake.js';
import type { MeasureChange } from '../alerts/alert-message.js';
import type { TxRepositories } from '../repositories/unit-of-work.js';
import { RequestError } from '../request-error.js';
import type { MeasureFields } from './measure.js';
import type { MeasureAlerts } from './measure-alert.js';
import { MeasureEditingService, type ManualMeasure } from './measure-editing.service.js';

/** The alerts as the editing sees them: records each measure change and the transaction it came in. */
class RecordingAlerts implements MeasureAlerts, Snapshottable {
  raised: { change: MeasureChange; inTransaction: boolean }[] = [];
  failWith: string | null = null;

  constructor(private readonly unitOfWork: () => FakeUnitOfWork) {}

  snapshot(): () => void {
    const saved = copyOf(this.raised);
    return () => {
      this.raised = saved;
    };
  }

  measureChanged(change: MeasureChange, tx?: TxRepositories): Promise<unknown> {
    this.raised.push({ change, inTransaction: tx === this.unitOfWork().repositories });
    if (this.failWith !== null) return Promise.reject(new Error(this.failWith));
    return Promise.resolve({ id: 'alert-1' });
  }
}

const FIELDS: MeasureFields = {
  level: 'municipal',
  region: null,
  municipality: 'Utrecht',
  title: 'Mondkapjes in het stadhuis',
  summary: null,
  announcedOn: '2026-12-01',
  effectiveFrom: '2026-12-07',
  effectiveUntil: null,
  topics: ['Mondkapjes'],
  direction: 'tightening',
  sourceUrl: null,
  sources: [],
  verified: true,
  note: null,
};

let clock: FakeClock;
let measures: FakeMeasuresRepository;
let unitOfWork: FakeUnitOfWork;
let alerts: RecordingAlerts;
let service: MeasureEditingService;

beforeEach(() => {
  clock = new FakeClock('2026-12-06T12:00:00Z');
  measures = new FakeMeasuresRepository(clock.now);
  alerts = new RecordingAlerts(() => unitOfWork);
  unitOfWork = new FakeUnitOfWork({ measures }, [alerts]);
  service = new MeasureEditingService({
    repository: measures,
    unitOfWork,
    measures: { list: () => measures.all() },
    resolveTopic: (topic) =>
      ({ mondkapjes: 'mondkapjes', vaccinatie: 'vaccinatie' })[topic.toLowerCase()] ?? null,
    effects: { expectation: () => Promise.resolve(null) },
    alert: {
      alerts,
      topicLabel: (id) => id,
      timezone: 'Europe/Amsterdam',
      link: () => null,
      now: clock.now,
    },
  });
});

async function refusal(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}

describe('MeasureEditingService.create', () => {
  it('stores version 1 under a readable id from its date and title, the next free one when taken', async () => {
    const first = await service.create(FIELDS, { notify: false });
    const second = await service.create(FIELDS, { notify: false });
    expect(first).toMatchObject({
      id: '2026-12-07-mondkapjes-in-het-stadhuis',
      version: 1,
      topics: ['mondkapjes'],
    });
    expect(second.id).toBe('2026-12-07-mondkapjes-in-het-stadhuis-2');
    expect(alerts.raised).toEqual([]);
  });

  it('refuses an id that is taken with a 409 that says to edit it, and a bad id with a 400', async () => {
    await service.create({ ...FIELDS, id: 'mk-1' }, { notify: false });
    const taken = await refusal(service.create({ ...FIELDS, id: 'mk-1' }, { notify: false }));
    expect(taken.statusCode).toBe(409);
    expect(taken.message).toBe('a measure with id "mk-1" exists already; edit it with PATCH');
    const bad = await refusal(service.create({ ...FIELDS, id: 'Mk 1' }, { notify: false }));
    expect(bad.statusCode).toBe(400);
    expect(measures.size).toBe(1);
  });

  it('names every problem of the fields at once', async () => {
    const input: ManualMeasure = {
      ...FIELDS,
      title: '  ',
      effectiveFrom: '2026-12-07',
      effectiveUntil: '2026-12-01',
      announcedOn: '1 december',
      topics: ['reizen'],
    };
    const error = await refusal(service.create(input, { notify: false }));
    expect(error.message).toBe(
      'announcedOn: "1 december" is not a date (YYYY-MM-DD); effective_until (2026-12-01) is before effective_from (2026-12-07); title must not be empty; topics: unknown topic "reizen"',
    );
    expect(measures.size).toBe(0);
  });

  it('raises the measure change in the transaction that stores it; when raising fails, no measure is stored', async () => {
    const created = await service.create(FIELDS, { notify: true });
    expect(alerts.raised).toMatchObject([
      { inTransaction: true, change: { measureId: created.id, version: 1, at: clock.now() } },
    ]);

    alerts.failWith = 'the alerts table refused the row';
    await expect(service.create({ ...FIELDS, id: 'mk-2' }, { notify: true })).rejects.toThrow(
      'refused the row',
    );
    expect(await measures.get('mk-2')).toBeNull();
    expect(await measures.versions('mk-2')).toEqual([]);
    expect(alerts.raised).toHaveLength(1);
    expect(unitOfWork.outcomes).toEqual({ committed: 1, rolledBack: 1 });
  });
});

describe('MeasureEditingService.update', () => {
  it('stores a change as the next version naming the changed fields, and an unchanged edit as none', async () => {
    const { id } = await service.create(FIELDS, { notify: false });
    const same = await service.update(
      id,
      { title: 'Mondkapjes in het stadhuis', topics: ['mondkapjes'] },
      { notify: true },
    );
    expect(same).toMatchObject({ changed: [], measure: { version: 1 } });
    expect(alerts.raised).toEqual([]);

    const edited = await service.update(
      id,
      { effectiveUntil: '2026-12-31', summary: undefined },
      { notify: true },
    );
    expect(edited).toMatchObject({
      changed: ['effective_until'],
      measure: { version: 2, effectiveUntil: '2026-12-31' },
    });
    expect((await service.get(id)).versions.map((v) => [v.version, v.changed])).toEqual([
      [1, []],
      [2, ['effective_until']],
    ]);
    expect(alerts.raised).toMatchObject([{ inTransaction: true, change: { measureId: id, version: 2 } }]);
  });

  it('leaves the stored version as it was when the alert of an edit fails', async () => {
    const { id } = await service.create(FIELDS, { notify: false });
    alerts.failWith = 'no alerts today';
    await expect(service.update(id, { title: 'Mondkapjes overal' }, { notify: true })).rejects.toThrow(
      'no alerts today',
    );
    expect(await measures.get(id)).toMatchObject({ version: 1, title: 'Mondkapjes in het stadhuis' });
    expect(await measures.versions(id)).toHaveLength(1);
  });

  it('answers 404 naming the measure that does not exist, and checks an edit as strictly as a new one', async () => {
    const missing = await refusal(service.update('nope', { title: 'x' }, { notify: false }));
    expect(missing.statusCode).toBe(404);
    expect(missing.message).toBe('no measure with id "nope"');
    const { id } = await service.create(FIELDS, { notify: false });
    const bad = await refusal(service.update(id, { effectiveFrom: '2026-13-01' }, { notify: false }));
    expect(bad.message).toBe('effectiveFrom: "2026-13-01" is not a date (YYYY-MM-DD)');
  });
});
