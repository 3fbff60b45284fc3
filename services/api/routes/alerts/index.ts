// /api/v1/alerts: alerts with their events and delivery state; acknowledging one.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AlertReader } from '../../../alerts/alert-reads.service.js';
import type { AlertWithHistory } from '../../../alerts/alerts.service.js';
import { roleAllows } from '../../../auth/api-keys.service.js';
import { notFound } from '../../../request-error.js';
import { resolveRange } from '../../../series/range.js';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors, NotFoundError } from '../../schemas/error.schema.js';
import { AlertIdParams, AlertRow, AlertsQuery } from '../../schemas/alerts.schema.js';

export function alertRow(alert: AlertWithHistory) {
  return {
    id: alert.id,
    kind: alert.kind,
    rule: alert.ruleId,
    series: alert.seriesKey,
    state: alert.state,
    title: alert.title,
    opened_at: alert.openedAt.toISOString(),
    updated_at: alert.updatedAt.toISOString(),
    resolved_at: alert.resolvedAt?.toISOString() ?? null,
    acknowledged_at: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledged_by: alert.acknowledgedBy,
    score: alert.score,
    observed: alert.observed,
    expected: alert.expected,
    details: alert.details,
    events: alert.events.map((event) => ({
      id: event.id,
      type: event.type,
      at: event.at.toISOString(),
      message: event.message,
    })),
    deliveries: alert.deliveries.map((delivery) => ({
      event_id: delivery.eventId,
      channel: delivery.channelId,
      channel_kind: delivery.channelKind,
      state: delivery.state,
      attempts: delivery.attempts,
      last_error: delivery.lastError,
      delivered_at: delivery.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/** Who is reading: example posts are raw text, for analysts (and admins) only. */
function readerOf(request: FastifyRequest): AlertReader {
  const key = request.apiKey;
  return { apiKeyId: key?.id ?? null, mayReadText: key != null && roleAllows(key.role, 'analyst') };
}

export const alertsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alerts in a period',
        querystring: AlertsQuery,
        response: { 200: Type.Array(AlertRow), ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to, deps.context.config.timezone);
      const alerts = await deps.context.alertReads.list(
        { ...range, kind: q.kind ?? null, state: q.state ?? null, limit: q.limit },
        readerOf(request),
      );
      return alerts.map(alertRow);
    },
  );

  app.get(
    '/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'One alert with its events and deliveries',
        params: AlertIdParams,
        response: { 200: AlertRow, ...InputErrors, ...NotFoundError },
      },
    },
    async (request) => {
      const alert = await deps.context.alertReads.get(request.params.id, readerOf(request));
      if (!alert) throw notFound(`no alert with id ${request.params.id}`);
      return alertRow(alert);
    },
  );

  app.post(
    '/alerts/:id/ack',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert',
        params: AlertIdParams,
        response: { 200: AlertRow, ...InputErrors, ...NotFoundError },
      },
    },
    async (request) => {
      const acknowledged = await deps.context.alerts.acknowledge(
        request.params.id,
        request.apiKey?.name ?? 'unknown',
      );
      if (!acknowledged) throw notFound(`no alert with id ${request.params.id}`);
      return alertRow((await deps.context.alertReads.get(request.params.id, readerOf(request)))!);
    },
  );
  done();
};
