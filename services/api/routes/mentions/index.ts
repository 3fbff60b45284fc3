// /api/v1/mentions*: everything about stored mentions, one file per concern: reading (list.ts), analysts'
// sentiment corrections (corrections.ts), pushing new ones (push.ts) and the CSV download (export.ts).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { mentionCorrectionRoutes } from './corrections.js';
import { mentionExportRoutes } from './export.js';
import { mentionListRoutes } from './list.js';
import { mentionPushRoutes } from './push.js';

export const mentionsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  void app.register(mentionListRoutes, { deps });
  void app.register(mentionCorrectionRoutes, { deps });
  void app.register(mentionPushRoutes, { deps });
  void app.register(mentionExportRoutes, { deps });
  done();
};
