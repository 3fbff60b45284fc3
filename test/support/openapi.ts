// Every answer an API test gets through `inject` is checked against the OpenAPI document: the route and status are
// declared, the media type is one the document names, and a JSON body fits the schema of that route and status.
// What each handler returned is checked too, before the serializer could mend it. A test fails at the inject that
// got an undeclared or misshapen answer, naming route, status and the mismatch.
import fs from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApi, type Api } from '../../services/api/app.js';
import type { ApiDeps } from '../../services/api/api-deps.js';
import { openApiDocument } from '../../services/api/plugins/openapi.plugin.js';

/** Where the committed document lives, from the repository root (written by `npm run openapi`). */
export const OPENAPI_FILE = 'docs/openapi.json';

/** The paths the document covers; the web pages, the docs UI and the queue board are not in it. */
const DOCUMENTED = /^\/(api|grafana|health)(\/|$)/;
const UNDOCUMENTED = /^\/api\/docs(\/|$)/;

type Media = Record<string, { schema?: unknown }>;
/** The part of an answer the checker reads: what `inject` returns, and what `checkedFetch` makes of a fetch. */
type Answer = Pick<LightMyRequestResponse, 'statusCode' | 'rawPayload' | 'headers' | 'json'>;
type Operation = { responses?: Record<string, { content?: Media }> };
type Document = { paths: Record<string, Record<string, Operation>> };

// RFC 3339 date-time, the one format the schemas use (ajv-formats is not a dependency of this project).
const DATE_TIME = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;

class ResponseChecker {
  private readonly ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    formats: { 'date-time': (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) },
  });
  private readonly templates: { path: string; pattern: RegExp; params: number }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Document) {
    this.ajv.addSchema(document, 'openapi');
    this.templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(
          `^${path
            .split(/\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}$`,
        ),
        params: (path.match(/\{/g) ?? []).length,
      }))
      // A literal segment wins over a parameter, as in the router: /questions/series before /questions/{id}.
      .sort((a, b) => a.params - b.params);
  }

  /** What is wrong with this answer, or null when the document declares it as it came. */
  problem(method: string, url: string, response: Answer): string | null {
    const pathname = url.split('?')[0]!;
    if (!DOCUMENTED.test(pathname) || UNDOCUMENTED.test(pathname) || method === 'HEAD') return null;
    const template = this.templates.find((candidate) => candidate.pattern.test(pathname));
    const operation = template && this.document.paths[template.path]![method.toLowerCase()];
    // A path no route serves gets the JSON 404 of the error handler: nothing to declare.
    if (template === undefined || operation === undefined)
      return response.statusCode === 404 ? null : `${method} ${pathname}: not in the document`;
    const name = `${method} ${template.path}`;
    const status = String(response.statusCode);
    const declared = operation.responses?.[status];
    if (declared === undefined) return `${name} answered ${status}, which the document does not declare`;
    if (response.rawPayload.length === 0) return null;
    const media = String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const content = declared.content ?? {};
    if (!(media in content))
      return `${name} ${status} answered ${media || 'no content type'}; the document says ${Object.keys(content).join(', ') || 'no body'}`;
    if (media !== 'application/json') return null;
    const validate = this.validator(template.path, method.toLowerCase(), status, media);
    if (validate(response.json())) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}`)
      .join('; ');
    return `${name} ${status}: the body does not fit the document: ${errors}`;
  }

  /**
   * What is wrong with what a handler returned, before the serializer shapes it (which would turn a null into "" or
   * 0 and drop what it does not know): the value as plain JSON against the schema of its route and status.
   */
  payloadProblem(method: string, route: string, status: number, payload: unknown): string | null {
    const path = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const declared = this.document.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
    if (declared?.content?.['application/json']?.schema === undefined) return null;
    const validate = this.validator(path, method.toLowerCase(), String(status), 'application/json');
    if (validate(JSON.parse(JSON.stringify(payload)) as unknown)) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}`)
      .join('; ');
    return `${method} ${path} ${status}: the handler's answer does not fit the document: ${errors}`;
  }

  private validator(path: string, method: string, status: string, media: string): ValidateFunction {
    const pointer = ['paths', path, method, 'responses', status, 'content', media, 'schema']
      .map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    let validate = this.compiled.get(pointer);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: `openapi#/${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }
}

/**
 * Makes the app's `inject` check each answer against the app's OpenAPI document (the one docs/openapi.json must
 * equal, see test/integration/openapi.test.ts). Only the promise form is checked (the form every test uses).
 */
export function checkedApi(app: Api, { payloads = false }: { payloads?: boolean } = {}): Api {
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  let checker: ResponseChecker | null = null;
  const found: string[] = [];
  if (payloads) {
    // Before ready only: what each handler returned, checked before the serializer could hide a mismatch.
    app.addHook('preSerialization', async (request, reply, payload) => {
      const route = request.routeOptions.url;
      if (route === undefined || !DOCUMENTED.test(route) || UNDOCUMENTED.test(route)) return payload;
      checker ??= new ResponseChecker(openApiDocument(app) as unknown as Document);
      const problem = checker.payloadProblem(request.method, route, reply.statusCode, payload);
      if (problem !== null) found.push(problem);
      return payload;
    });
  }
  const checked = async (options: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const response = await inject(options);
    checker ??= new ResponseChecker(openApiDocument(app) as unknown as Document);
    if (found.length > 0)
      throw new Error(`the answer breaks the OpenAPI document: ${found.splice(0).join('\n')}`);
    const method = typeof options === 'string' ? 'GET' : String(options.method ?? 'GET').toUpperCase();
    const url = typeof options === 'string' ? options : typeof options.url === 'string' ? options.url : '/';
    const problem = checker.problem(method, url, response);
    if (problem !== null)
      throw new Error(`the answer breaks the OpenAPI document: ${problem}\n${response.body.slice(0, 500)}`);
    return response;
  };
  app.inject = ((...args: unknown[]) =>
    args.length === 1
      ? checked(args[0] as InjectOptions | string)
      : (inject as (...a: unknown[]) => unknown)(...args)) as Api['inject'];
  return app;
}

/** buildApi for tests: the same app, with every injected answer checked against the document. */
export async function buildCheckedApi(
  deps: ApiDeps,
  options: Parameters<typeof buildApi>[1] = {},
): Promise<Api> {
  return checkedApi(await buildApi(deps, options), { payloads: true });
}

let committed: ResponseChecker | null = null;

/**
 * fetch for end-to-end tests of running processes: the same check against the committed docs/openapi.json (which the
 * drift test keeps equal to the app's own document). The answer is returned unread, so the test uses it as usual.
 */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  committed ??= new ResponseChecker(JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Document);
  const body = Buffer.from(await response.clone().arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const answer: Answer = {
    statusCode: response.status,
    rawPayload: body,
    headers,
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
  };
  const method = String(init.method ?? 'GET').toUpperCase();
  const { pathname, search } = new URL(url);
  const problem = committed.problem(method, pathname + search, answer);
  if (problem !== null)
    throw new Error(
      `the answer breaks the OpenAPI document: ${problem}\n${body.toString('utf8').slice(0, 500)}`,
    );
  return response;
}
