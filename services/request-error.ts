// Errors caused by the request (bad input, missing rights): they carry an HTTP status and a message that is
// safe to show the client. Services throw them; the API's error handler answers with them.
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export const badRequest = (message: string) => new RequestError(400, message);
export const forbidden = (message: string) => new RequestError(403, message);
export const notFound = (message: string) => new RequestError(404, message);
export const unavailable = (message: string) => new RequestError(503, message);
