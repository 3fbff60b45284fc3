// The web module: the pages at `/` of the API's server, the guard and the navigation other modules use.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { webPlugin } from './web.plugin.js';
import type { WebExtension } from './web-services.js';

export { requireRole } from './guard.js';
export { questionPages } from './question-pages.js';
export { importPages } from './import-pages.js';
export { reportPages } from './report-pages.js';
export type { NavigationItem } from './navigation.js';
export type { WebExtension, WebServices } from './web-services.js';

/** Registered by services/api/app.ts; `extensions` are other modules' pages (menu items and routes). */
export async function webRoutes(
  app: FastifyInstance,
  options: { deps: { context: Pick<AppContext, 'users' | 'config'> }; extensions?: WebExtension[] },
): Promise<void> {
  const { context } = options.deps;
  await app.register(
    webPlugin({ users: context.users, timezone: context.config.timezone, extensions: options.extensions }),
  );
}
