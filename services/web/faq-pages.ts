// The FAQ pages as a web extension: the register ("FAQ's": list with filters, one FAQ with its edit form, versions,
// linked measures and the stale flag), and the public page of published FAQs (`/faqs`, no session, embeddable).
import type { FastifyInstance } from 'fastify';
import type { FaqPagesDeps } from './page-deps.js';
import { faqRoutes } from './routes/faq.routes.js';
import type { WebExtension } from './web-services.js';

export function faqPages(deps: FaqPagesDeps): WebExtension {
  return {
    navigation: [
      {
        href: '/faq-beheer',
        label: "FAQ's",
        roles: ['kcc', 'team', 'coordinator', 'analyst', 'admin'],
        description: 'de veelgestelde vragen: zoeken, bijwerken en controleren na een gewijzigde maatregel',
      },
    ],
    routes: async (app: FastifyInstance) => {
      await app.register(faqRoutes, { pages: deps });
    },
  };
}
