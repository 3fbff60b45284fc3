// The base of the fake source servers: a local HTTP server on 127.0.0.1 that tests start themselves, with faults
// to inject on the next feed requests (a status, a stall, a hold until released, garbage), a request log, and a
// record of when each post was published and first served (the poll benchmark splits latency with these).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

type Fault =
  | { kind: 'pass' }
  | { kind: 'status'; reply: FakeReply }
  | { kind: 'stall'; ms: number }
  | { kind: 'hold'; released: Promise<void> }
  | { kind: 'garbage' };

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export abstract class FakeApi {
  private server: http.Server | null = null;
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<Socket>();
  readonly requests: LoggedRequest[] = [];
  /** Post id -> when it was published (ms). */
  readonly publishedAt = new Map<string, number>();
  /** Post id -> when it was first part of a successful answer (ms). */
  readonly firstServedAt = new Map<string, number>();
  /** Feed requests that are waiting on a stall or hold right now. */
  waiting = 0;
  url = '';

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.dispatch(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server!.close(resolve));
    this.server = null;
  }

  /**
   * The next `times` feed requests answer with this status (and body, in the API's error shape if omitted);
   * with `after`, that many feed requests pass first (a failure in the middle of a walk).
   */
  fail(
    status: number,
    options: { times?: number; after?: number; body?: string; headers?: Record<string, string> } = {},
  ): void {
    const reply = { status, body: options.body ?? this.errorBody(status), headers: options.headers };
    for (let i = 0; i < (options.after ?? 0); i++) this.faults.push({ kind: 'pass' });
    for (let i = 0; i < (options.times ?? 1); i++) this.faults.push({ kind: 'status', reply });
  }

  /** The next feed request waits this long before it is answered. */
  stall(ms: number, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ kind: 'stall', ms });
  }

  /** The feed request after the next `pass` ones waits until `release()` is called. */
  hold(pass = 0): { release: () => void } {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    for (let i = 0; i < pass; i++) this.faults.push({ kind: 'pass' });
    this.faults.push({ kind: 'hold', released });
    return { release };
  }

  /** The next feed request gets a 200 whose body is not what the API documents. */
  garbage(times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ kind: 'garbage' });
  }

  feedRequests(): LoggedRequest[] {
    return this.requests.filter((request) => this.isFeed(request.method, request.path));
  }

  protected abstract isFeed(method: string, path: string): boolean;
  protected abstract handle(request: LoggedRequest, body: string): FakeReply | Promise<FakeReply>;
  protected abstract errorBody(status: number): string;

  protected served(ids: Iterable<string>): void {
    const now = Date.now();
    for (const id of ids) if (!this.firstServedAt.has(id)) this.firstServedAt.set(id, now);
  }

  protected published(id: string): void {
    this.publishedAt.set(id, Date.now());
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: Date.now(),
    };
    this.requests.push(request);
    let reply: FakeReply | null = null;
    if (this.isFeed(request.method, request.path)) {
      const fault = this.faults.shift();
      if (fault?.kind === 'status') reply = fault.reply;
      if (fault?.kind === 'garbage')
        reply = {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '<html><body>502 Bad Gateway</body></html>',
        };
      if (fault?.kind === 'stall' || fault?.kind === 'hold') {
        this.waiting++;
        if (fault.kind === 'stall') await new Promise((resolve) => setTimeout(resolve, fault.ms));
        else await fault.released;
        this.waiting--;
        if (req.socket.destroyed) return;
      }
    }
    reply ??= await this.handle(request, Buffer.concat(chunks).toString('utf8'));
    if (res.destroyed) return;
    res.writeHead(reply.status, reply.headers ?? {}).end(reply.body);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A fixed window of `limit` requests; the API-specific headers are built from it. */
export class RequestWindow {
  private start = Date.now();
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  take(): { remaining: number; resetAt: number; allowed: boolean } {
    const now = Date.now();
    if (now >= this.start + this.windowMs) {
      this.start = now;
      this.used = 0;
    }
    this.used++;
    return {
      remaining: Math.max(0, this.limit - this.used),
      resetAt: this.start + this.windowMs,
      allowed: this.used <= this.limit,
    };
  }
}

const SENTENCES = [
  'De avondklok in {plaats} wordt slecht nageleefd, zegt de burgemeester.',
  'Blij dat de sportschool in {plaats} weer open mag, eindelijk!',
  'Waarom is er in {plaats} nog steeds geen teststraat? Belachelijk.',
  'Mondkapjes verplicht in de winkels van {plaats}, prima geregeld.',
  'Wie weet wanneer de vaccinatielocatie in {plaats} opengaat?',
  'De noodverordening voor {plaats} geldt vanaf vanavond 18.00 uur.',
  'Horeca in {plaats} om 01.00 dicht, dat kost ondernemers veel geld.',
  'Goed nieuws: de scholen in {plaats} gaan maandag weer open.',
];
const PLACES = ['Huizen', 'Hilversum', 'Bussum', 'Naarden', 'Laren', 'Blaricum', 'Weesp'];

/** A Dutch post text that differs per number, so every published post is its own. */
export function postText(n: number): string {
  const sentence = SENTENCES[n % SENTENCES.length]!;
  return `${sentence.replace('{plaats}', PLACES[(n >> 3) % PLACES.length]!)} (bericht ${n})`;
}
