// One log line per request, written when the answer is sent (Fastify's own logging writes two).
import type { FastifyReply, FastifyRequest } from 'fastify';

export function logResponse(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  request.log.info(
    {
      method: request.method,
      url: request.url,
      // The pattern beside the URL, so lines of one route can be found whatever their ids and query.
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    },
    `${request.method} ${request.url} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`,
  );
  done();
}
