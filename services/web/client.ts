// Where a request came from, and whether it came over TLS: from the socket, or from the proxy in front when the
// config says there is one (web.behind_proxy), which is also when Fastify trusts X-Forwarded-*.
import type { FastifyRequest } from 'fastify';

export function cameOverTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** The client address for the lockout; Fastify gives the proxy's view of it when it trusts the proxy. */
export function clientAddress(request: FastifyRequest): string {
  return request.ip || 'unknown';
}
