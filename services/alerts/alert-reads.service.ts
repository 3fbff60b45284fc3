// Alerts as the API shows them. Their events keep up to three example posts, which quote people's text: only an
// analyst sees them, and every such read goes into the access log like a read of the mentions themselves.
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { AlertsService, AlertWithHistory } from './alerts.service.js';
import type { AlertFilter } from './alert-record.js';

export interface AlertReader {
  apiKeyId: string | null;
  /** The analyst role (or above): may read raw text. */
  mayReadText: boolean;
}

function examplesOf(message: unknown): unknown[] {
  const examples = (message as { examples?: unknown } | null)?.examples;
  return Array.isArray(examples) ? examples : [];
}

/** The alert without the example posts of its events. */
export function withoutExamples(alert: AlertWithHistory): AlertWithHistory {
  return {
    ...alert,
    events: alert.events.map((event) =>
      examplesOf(event.message).length === 0
        ? event
        : { ...event, message: { ...(event.message as object), examples: [] } },
    ),
  };
}

export class AlertReadsService {
  constructor(
    private readonly alerts: AlertsService,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async list(filter: AlertFilter, reader: AlertReader): Promise<AlertWithHistory[]> {
    return this.shown(await this.alerts.list(filter), reader, 'api.alerts.list');
  }

  async get(id: string, reader: AlertReader): Promise<AlertWithHistory | null> {
    const alert = await this.alerts.get(id);
    return alert === null ? null : ((await this.shown([alert], reader, 'api.alerts.get'))[0] ?? null);
  }

  private async shown(
    alerts: AlertWithHistory[],
    reader: AlertReader,
    purpose: string,
  ): Promise<AlertWithHistory[]> {
    if (!reader.mayReadText) return alerts.map(withoutExamples);
    const read = alerts
      .map((alert) => ({
        alert: alert.id,
        examples: alert.events.reduce((n, event) => n + examplesOf(event.message).length, 0),
      }))
      .filter((entry) => entry.examples > 0);
    if (read.length > 0) {
      await this.accessLog.record(reader.apiKeyId, purpose, {
        alerts: read.map((entry) => entry.alert),
        examples: read.reduce((n, entry) => n + entry.examples, 0),
      });
    }
    return alerts;
  }
}
