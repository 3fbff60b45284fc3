// The Dutch 404 page: for a path the site does not have, and for a question that does not exist or belongs to
// another team (the same words, so an id reveals nothing).
import type { FastifyReply } from 'fastify';

export function notFoundPage(reply: FastifyReply, what: 'page' | 'question' = 'page'): Promise<FastifyReply> {
  return reply
    .status(404)
    .page('not-found', what === 'page' ? 'Pagina niet gevonden' : 'Vraag niet gevonden', {
      heading: what === 'page' ? 'Pagina niet gevonden' : 'Vraag niet gevonden',
      message:
        what === 'page'
          ? 'Deze pagina bestaat niet (meer). Controleer het adres, of ga verder vanaf de startpagina.'
          : 'Deze vraag bestaat niet, of hoort bij een ander team dan het uwe.',
      links:
        what === 'page'
          ? [{ href: '/', label: 'Naar de startpagina' }]
          : [
              { href: '/vragen', label: 'Naar de vragen' },
              { href: '/', label: 'Naar de startpagina' },
            ],
    });
}
