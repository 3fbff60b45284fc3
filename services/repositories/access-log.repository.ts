// Who read raw mention text, when, and what they asked for.
import type { Db } from '../db/client.js';

export class AccessLogRepository {
  constructor(private readonly db: Db) {}

  async record(apiKeyId: string | null, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.db
      .insertInto('access_log')
      .values({ api_key_id: apiKeyId, action, detail: JSON.stringify(detail) })
      .execute();
  }
}
