// The access log (reads of personal data, hand-ins of exports) as a list in memory.
import type { AccessLogRepository } from '../../../services/repositories/access-log.repository.js';
import type { PublicShape } from './repository-shape.js';

export interface AccessLogEntry {
  apiKeyId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export class FakeAccessLog implements PublicShape<AccessLogRepository> {
  readonly entries: AccessLogEntry[] = [];

  record(apiKeyId: string | null, action: string, detail: Record<string, unknown>): Promise<void> {
    this.entries.push({ apiKeyId, action, detail: structuredClone(detail) });
    return Promise.resolve();
  }
}
