// A browser-less client for the web pages: a cookie jar, the CSRF token of the last page, form posts.
import type { Api } from '../../services/api/app.js';

export class PageClient {
  readonly cookies = new Map<string, string>();
  token = '';

  constructor(private readonly api: Api) {}

  private remember(setCookie: string | string[] | undefined): void {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  private header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: string) {
    const response = await this.api.inject({ method: 'GET', url, headers: { cookie: this.header() } });
    this.remember(response.headers['set-cookie']);
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.token = match[1]!;
    return response;
  }

  async post(url: string, fields: Record<string, string>, options: { token?: string } = {}) {
    const body = new URLSearchParams({ _csrf: options.token ?? this.token, ...fields }).toString();
    const response = await this.api.inject({
      method: 'POST',
      url,
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
    this.remember(response.headers['set-cookie']);
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.token = match[1]!;
    return response;
  }

  async signIn(name: string, password: string) {
    await this.get('/inloggen');
    return this.post('/inloggen', { naam: name, wachtwoord: password, terug: '/' });
  }
}
