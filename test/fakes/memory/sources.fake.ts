// Source rows as the push path and status reads keep them: `syncConfigured` creates a row once and sets whether it
// is enabled, as SourcesRepository's statements do.
import type { SourcesRepository } from '../../../services/repositories/sources.repository.js';
import type { Snapshottable } from './rollback.js';

export type FakedSourcesMethods = Pick<SourcesRepository, 'syncConfigured' | 'kinds'>;

export class FakeSourcesRepository implements FakedSourcesMethods, Snapshottable {
  private rows = new Map<string, { kind: string; enabled: boolean }>();
  /** Every `syncConfigured` call, in order. */
  readonly syncs: { id: string; kind: string; enabled: boolean }[][] = [];

  snapshot(): () => void {
    const saved = new Map([...this.rows].map(([id, row]) => [id, { ...row }]));
    return () => {
      this.rows = saved;
    };
  }

  row(id: string): { kind: string; enabled: boolean } | undefined {
    return this.rows.get(id);
  }

  syncConfigured(sources: readonly { id: string; kind: string; enabled: boolean }[]): Promise<void> {
    this.syncs.push(sources.map((source) => ({ ...source })));
    for (const source of sources) {
      const kind = this.rows.get(source.id)?.kind ?? source.kind;
      this.rows.set(source.id, { kind, enabled: source.enabled });
    }
    return Promise.resolve();
  }

  kinds(): Promise<string[]> {
    return Promise.resolve([...new Set([...this.rows.values()].map((row) => row.kind))].sort());
  }
}
