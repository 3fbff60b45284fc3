// The page "Importeren" as a web extension: upload an export (analyst, admin), follow its progress, read its
// summary and download its rejected rows; the list of earlier imports. Built in services/api/app.ts.
import type { FastifyInstance } from 'fastify';
import type { ImportPagesDeps } from './page-deps.js';
import { importRoutes } from './routes/import.routes.js';
import type { WebExtension, WebServices } from './web-services.js';

export function importPages(deps: ImportPagesDeps): WebExtension {
  return {
    navigation: [
      {
        href: '/importeren',
        label: 'Importeren',
        roles: ['analyst', 'admin'],
        description: 'een export van OBI4wan, Coosto en andere tools inlezen en de voortgang volgen',
      },
    ],
    routes: async (app: FastifyInstance, { web }: { web: WebServices }) => {
      await app.register(importRoutes, { web, pages: deps });
    },
  };
}
