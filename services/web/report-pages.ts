// The page "Rapportage" as a web extension: choose a week, read its situation report in the browser or download
// its PDF (analyst, coordinator, admin). Built in services/api/app.ts.
import type { FastifyInstance } from 'fastify';
import type { ReportPagesDeps } from './page-deps.js';
import { reportRoutes } from './routes/report.routes.js';
import type { WebExtension } from './web-services.js';

export function reportPages(deps: ReportPagesDeps): WebExtension {
  return {
    navigation: [
      {
        href: '/rapportage',
        label: 'Rapportage',
        roles: ['analyst', 'coordinator', 'admin'],
        description: 'het wekelijkse situatierapport van een week bekijken of als PDF downloaden',
      },
    ],
    routes: async (app: FastifyInstance) => {
      await app.register(reportRoutes, { pages: deps });
    },
  };
}
