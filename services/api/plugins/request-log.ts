// One log line per request, written when the answer is sent (Fastify's own logging writes two).
import type { FastifyReply, FastifyRequest } from 'fastify';

export function logResponse(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  request.log.info(
    {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    },
    `${request.method} ${request.url} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`,
  );
  done();
}
