// The page "Vragen zonder FAQ" as a web extension: a period's gap clusters (the gaps service of services/faqs)
// and, per cluster, the button "Maak concept-FAQ" (a form, works without script; made once per cluster).
import type { FastifyInstance } from 'fastify';
import type { FaqGapPagesDeps } from './page-deps.js';
import { faqGapRoutes } from './routes/faq-gaps.routes.js';
import type { WebExtension } from './web-services.js';

export function faqGapPages(deps: FaqGapPagesDeps): WebExtension {
  return {
    navigation: [
      {
        href: '/vragen-zonder-faq',
        label: 'Vragen zonder FAQ',
        roles: ['coordinator', 'analyst', 'admin'],
        description:
          'de vragen bij het KCC en online waar nog geen FAQ voor is, gegroepeerd, met een voorstel voor een nieuwe FAQ',
      },
    ],
    routes: async (app: FastifyInstance) => {
      await app.register(faqGapRoutes, { pages: deps });
    },
  };
}
