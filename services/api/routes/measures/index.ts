// /api/v1/measures: the timeline for every role, hand edits for admins, and before/after effects.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseDuration } from '../../../config/duration.js';
import { effectJson, measureJson, patternJson, versionJson } from '../../../measures/measure-json.js';
import type { EffectOptions } from '../../../measures/measure-effects.service.js';
import { resolveRange } from '../../../series/range.js';
import type { ApiDeps } from '../../api-deps.js';
import { BodyErrors, ConflictError, InputErrors, NotFoundError } from '../../schemas/error.schema.js';
import {
  CreateMeasureBody,
  EffectQuery,
  EffectRow,
  EffectsQuery,
  EffectsResponse,
  MeasureDetail,
  MeasureIdParams,
  MeasureRow,
  MeasuresQuery,
  PatchMeasureBody,
} from '../../schemas/measures.schema.js';

/** No from and no to: the whole timeline; either one: that range (a missing from is the start of time). */
export function optionalRange(from: string | undefined, to: string | undefined, timeZone: string) {
  if (from === undefined && to === undefined) return { fromMs: null, toMs: null };
  return resolveRange(from ?? '0', to, timeZone);
}

function effectOptions(q: {
  before: string;
  after: string;
  weeks: number;
  source: string;
  anchor: EffectOptions['anchor'];
  topic?: string;
}): EffectOptions {
  return {
    beforeMs: parseDuration(q.before),
    afterMs: parseDuration(q.after),
    weeks: q.weeks,
    source: q.source,
    topic: q.topic ?? 'all',
    anchor: q.anchor,
  };
}

// Registering routes awaits nothing; the plugin type still asks for a promise.
export const measuresRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = (app, { deps }) => {
  const { editing, effects } = deps.context.measures;
  const labels = new Map(deps.context.taxonomy.topics.map((topic) => [topic.id, topic.label]));
  const topicLabel = (id: string) => labels.get(id) ?? id;

  app.get(
    '/measures',
    {
      schema: {
        tags: ['measures'],
        summary: 'The timeline of measures',
        querystring: MeasuresQuery,
        response: { 200: Type.Array(MeasureRow), ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const list = await editing.list({
        ...optionalRange(q.from, q.to, deps.context.config.timezone),
        level: q.level ?? null,
        direction: q.direction ?? null,
        topic: q.topic ?? null,
        limit: q.limit,
      });
      return list.map(measureJson);
    },
  );

  app.get(
    '/measures/effects',
    {
      schema: {
        tags: ['measures'],
        summary: 'Before/after effects of the measures in a period',
        querystring: EffectsQuery,
        response: { 200: EffectsResponse, ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const { reports, pattern } = await effects.effects(
        {
          ...optionalRange(q.from, q.to, deps.context.config.timezone),
          level: q.level ?? null,
          direction: q.direction ?? null,
          topic: q.topic ?? null,
        },
        effectOptions(q),
      );
      return {
        pattern: patternJson(pattern),
        effects: reports.map((report) => effectJson(report, topicLabel)),
      };
    },
  );

  app.get(
    '/measures/:id',
    {
      schema: {
        tags: ['measures'],
        summary: 'One measure with its versions',
        params: MeasureIdParams,
        response: { 200: MeasureDetail, ...InputErrors, ...NotFoundError },
      },
    },
    async (request) => {
      const { measure, versions } = await editing.get(request.params.id);
      return { ...measureJson(measure), versions: versions.map(versionJson) };
    },
  );

  app.get(
    '/measures/:id/effect',
    {
      schema: {
        tags: ['measures'],
        summary: 'The before/after effect of one measure',
        params: MeasureIdParams,
        querystring: EffectQuery,
        response: { 200: EffectRow, ...InputErrors, ...NotFoundError },
      },
    },
    async (request) =>
      effectJson(await effects.effect(request.params.id, effectOptions(request.query)), topicLabel),
  );

  app.post(
    '/measures',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['measures'],
        summary: 'Add a measure by hand',
        body: CreateMeasureBody,
        response: { 201: MeasureRow, ...BodyErrors, ...ConflictError },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await editing.create(
        {
          id: b.id,
          level: b.level,
          region: b.region ?? null,
          municipality: b.municipality ?? null,
          title: b.title,
          summary: b.summary ?? null,
          announcedOn: b.announced_on ?? null,
          effectiveFrom: b.effective_from,
          effectiveUntil: b.effective_until ?? null,
          topics: b.topics,
          direction: b.direction,
          sourceUrl: b.source_url ?? b.sources[0] ?? null,
          sources: b.sources.filter((url) => url !== b.source_url),
          verified: b.verified,
          note: b.note ?? null,
        },
        { notify: b.notify },
      );
      return reply.status(201).send(measureJson(created));
    },
  );

  app.patch(
    '/measures/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['measures'],
        summary: 'Change a measure by hand',
        params: MeasureIdParams,
        body: PatchMeasureBody,
        response: {
          200: Type.Object({ measure: MeasureRow, changed: Type.Array(Type.String()) }),
          ...BodyErrors,
          ...NotFoundError,
        },
      },
    },
    async (request) => {
      const b = request.body;
      const { measure, changed } = await editing.update(
        request.params.id,
        {
          level: b.level,
          region: b.region,
          municipality: b.municipality,
          title: b.title,
          summary: b.summary,
          announcedOn: b.announced_on,
          effectiveFrom: b.effective_from,
          effectiveUntil: b.effective_until,
          topics: b.topics,
          direction: b.direction,
          sourceUrl: b.source_url,
          sources: b.sources,
          verified: b.verified,
          note: b.note,
        },
        { notify: b.notify },
      );
      return { measure: measureJson(measure), changed };
    },
  );
  return Promise.resolve();
};
