// Loading a timeline file (YAML or JSON): every entry a new measure, its next version or left alone, in one
// transaction; a file with problems loads nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Transactor } from '../repositories/unit-of-work.js';
import type { ResolveTopic } from './measure-list.js';
import { upsertMeasure } from './measure-store.js';
import { parseTimeline } from './timeline.file.js';

export class TimelineFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s), nothing was loaded:\n  ${problems.join('\n  ')}`);
    this.name = 'TimelineFileError';
  }
}

export interface LoadSummary {
  file: string;
  measures: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export class MeasureTimelineService {
  constructor(
    private readonly unitOfWork: Transactor,
    private readonly resolveTopic: ResolveTopic,
  ) {}

  async loadFile(file: string): Promise<LoadSummary> {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseTimeline(text, path.basename(file), this.resolveTopic);
    if (parsed.problems.length > 0) throw new TimelineFileError(file, parsed.problems);
    const summary: LoadSummary = {
      file,
      measures: parsed.entries.length,
      inserted: 0,
      updated: 0,
      unchanged: 0,
    };
    await this.unitOfWork.transaction(async (tx) => {
      for (const entry of parsed.entries) {
        const outcome = await upsertMeasure(tx.measures, entry.id, entry.fields, 'file');
        summary[outcome.status] += 1;
      }
    });
    return summary;
  }
}
