// The FAQ pages as a web extension: the register ("FAQ's": list with filters, one FAQ with its edit form, versions,
// linked measures and the stale flag), and the public page of published FAQs (`/faqs`, no session, embeddable).
import type { FastifyInstance } from 'fastify';
import type { FaqsService } from '../faqs/faqs.service.js';
import type { Team } from '../users/user.js';
import { faqRoutes } from './routes/faq.routes.js';
import type { WebExtension } from './web.plugin.js';

export interface FaqPagesDeps {
  faqs: FaqsService;
  topics: readonly { id: string; label: string }[];
  teams: readonly Team[];
  /** The title of a measure, for the links; null when it is not in the timeline. */
  measureTitle: (id: string) => Promise<string | null>;
  timeZone: string;
}

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

/** An answer's plain text in parts, with its web addresses as links (the template escapes every part). */
export function answerParts(text: string): { text: string; href: string | null }[] {
  const parts: { text: string; href: string | null }[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), href: null });
    parts.push({ text: match[0], href: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), href: null });
  return parts;
}
