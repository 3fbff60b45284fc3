// The two storage steps that loading a file, editing by hand and the watchers' sink share, run on a measures
// repository bound to the caller's transaction: store fields as the next version, and find a free readable id.
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import {
  changedFields,
  contentHash,
  type Measure,
  type MeasureFields,
  type MeasureOrigin,
} from './measure.js';

export interface UpsertOutcome {
  status: 'inserted' | 'updated' | 'unchanged';
  measure: Measure;
  changed: string[];
}

/** Stores the fields as the measure's next version unless they equal the current one. */
export async function upsertMeasure(
  repository: Pick<MeasuresRepository, 'getForUpdate' | 'insert' | 'get' | 'update'>,
  id: string,
  fields: MeasureFields,
  origin: MeasureOrigin,
): Promise<UpsertOutcome> {
  const hash = contentHash(fields);
  const current = await repository.getForUpdate(id);
  if (current === null) {
    await repository.insert({
      id,
      fields,
      origin,
      sourceId: null,
      externalId: null,
      publicationHash: null,
      contentHash: hash,
    });
    return { status: 'inserted', measure: (await repository.get(id))!, changed: [] };
  }
  if (current.contentHash === hash) return { status: 'unchanged', measure: current, changed: [] };
  const changed = changedFields(current, fields);
  await repository.update(id, current.version, fields, changed, origin, hash);
  return { status: 'updated', measure: (await repository.get(id))!, changed };
}

/** `base`, or `base-2`, `base-3`, ... : the first id no measure has. */
export async function freeMeasureId(
  repository: Pick<MeasuresRepository, 'idsStartingWith'>,
  base: string,
): Promise<string> {
  const taken = await repository.idsStartingWith(base);
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}
