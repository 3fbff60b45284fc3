// The one shape of every error answer, as plugins/errors.plugin.ts sends it, and the sets of error statuses a route
// declares beside its 200: the statuses it can answer, so the schema (and any client built from it) tells the truth.
import { Type } from '@fastify/type-provider-typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.String({
      description:
        'bad_request, unauthorized, forbidden, not_found, conflict, too_large, internal, unavailable, ...',
    }),
    message: Type.String({
      description: 'what was wrong and where; for a 500 only a pointer to the server log',
    }),
  },
  // "..." in the contract: a later field (a hint, a field name) must not be dropped by the serializer.
  { additionalProperties: true },
);

/** Any route: a bug (500) or a database that is away or busy (503, with Retry-After). */
export const ServerErrors = { 500: ErrorResponse, 503: ErrorResponse };

/** A route that needs an API key: none or an unknown one (401), or one whose role is too low (403). */
export const KeyErrors = { 401: ErrorResponse, 403: ErrorResponse, ...ServerErrors };

/** A keyed route that takes input (query string, path parameters or body): a 400 names what was wrong. */
export const InputErrors = { 400: ErrorResponse, ...KeyErrors };

/** A keyed route that takes a body: also too large (413) or not JSON (415). */
export const BodyErrors = { ...InputErrors, 413: ErrorResponse, 415: ErrorResponse };

/** The thing named in the path (or body) does not exist. */
export const NotFoundError = { 404: ErrorResponse };

/** The request clashes with what is stored (an id that exists, a closed question, a disabled source). */
export const ConflictError = { 409: ErrorResponse };
