// The web pages as one encapsulated Fastify plugin at `/`: cookies, form bodies, CSRF, security headers with a
// strict CSP, the stylesheet, the templates, the session of every request, and the pages of each module.
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { UsersModule } from '../users/index.js';
import { ROLE_LABELS } from './messages.js';
import { Navigation } from './navigation.js';
import { notFoundPage } from './not-found.js';
import { signInRoutes } from './routes/sign-in.routes.js';
import { startRoutes } from './routes/start.routes.js';
import { passwordRoutes } from './routes/password.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { SESSION_COOKIE, type WebExtension, type WebServices } from './web-services.js';

/** Paths that belong to the API and Grafana, not to the pages. */
const API_PATHS = /^\/(api|grafana|health)(\/|\?|$)/;

// The templates and the stylesheet are read from the source folder (the build copies no templates; the image
// copies every non-TypeScript file of services/ beside dist/).
const here = import.meta.dirname;
const webFolder = import.meta.filename.endsWith('.js') ? path.resolve(here, '../../../services/web') : here;
const utrechtCss = path.dirname(
  createRequire(import.meta.url).resolve('@utrecht/component-library-css/dist/index.css'),
);

export function webPlugin(options: { users: UsersModule; timezone: string; extensions?: WebExtension[] }) {
  const navigation = new Navigation();
  navigation.add({ href: '/', label: 'Start', roles: [] });
  navigation.add({
    href: '/gebruikers',
    label: 'Gebruikers',
    roles: ['admin'],
    description: 'gebruikers aanmaken en uitschakelen',
  });
  for (const extension of options.extensions ?? []) {
    for (const item of extension.navigation ?? []) navigation.add(item);
  }
  navigation.add({
    href: '/wachtwoord',
    label: 'Wachtwoord wijzigen',
    roles: [],
    description: 'een nieuw wachtwoord kiezen',
  });
  const web: WebServices = { ...options.users, navigation, timezone: options.timezone };

  return async function web_pages(app: FastifyInstance): Promise<void> {
    // Pages answer without an API key; the guard of each page decides who may see it.
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), role: 'public' };
    });
    await app.register(fastifyCookie);
    await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
    await app.register(fastifyCsrf, {
      cookieKey: 'onderstroom_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' },
    });
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      // Same-origin only; HSTS is the TLS proxy's to send.
      strictTransportSecurity: false,
    });
    await app.register(fastifyStatic, {
      root: path.join(webFolder, 'static'),
      prefix: '/static/',
      index: false,
      maxAge: '1h',
    });
    await app.register(fastifyStatic, {
      root: utrechtCss,
      prefix: '/static/utrecht/',
      index: false,
      decorateReply: false,
      maxAge: '1d',
    });
    await app.register(fastifyView, {
      engine: { eta: new Eta({ views: path.join(webFolder, 'views'), autoEscape: true, cache: true }) },
      templates: path.join(webFolder, 'views'),
    });

    app.decorateRequest('webUser', null);
    app.decorateRequest('webSession', null);
    app.decorateRequest('webSessionExpired', false);
    app.decorateReply(
      'page',
      async function page(this, template: string, title: string, data: Record<string, unknown> = {}) {
        const request = this.request;
        const user = request.webUser;
        const html = await this.viewAsync(template, {
          title,
          csrfToken: this.generateCsrf(),
          user: user && {
            name: user.name,
            role: user.role,
            roleLabel: ROLE_LABELS[user.role],
            teamName: web.users.teamName(user.teamId),
          },
          nav: user && !user.mustChangePassword ? navigation.for(user, request.url.split('?')[0]!) : [],
          errors: [],
          invalid: {},
          values: {},
          ...data,
        });
        return this.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      },
    );

    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/static/')) return;
      const lookup = await web.sessions.find(request.cookies[SESSION_COOKIE]);
      if (lookup.kind === 'active') {
        request.webSession = lookup.session;
        request.webUser = lookup.session.user;
      } else if (lookup.kind === 'expired') {
        request.webSessionExpired = true;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    });

    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
        return reply.status(403).page('message', 'Formulier verlopen', {
          heading: 'Formulier verlopen',
          message:
            'Dit formulier is verlopen of niet vanaf deze site verstuurd. Er is niets opgeslagen. Open de pagina opnieuw en probeer het nog eens.',
          link: { href: formPage(request.url), label: 'Opnieuw proberen' },
        });
      }
      const status = error.statusCode ?? 500;
      if (status === 413) {
        return reply.status(413).page('message', 'Te veel tekst', {
          heading: 'Te veel tekst',
          message: 'Het formulier bevat meer tekst dan de site aanneemt. Er is niets opgeslagen.',
          link: { href: formPage(request.url), label: 'Terug naar het formulier' },
        });
      }
      if (status < 500) {
        return reply.status(status).page('message', 'Verzoek niet begrepen', {
          heading: 'Verzoek niet begrepen',
          message: 'De site kon dit verzoek niet lezen. Er is niets opgeslagen.',
          link: { href: '/', label: 'Naar de startpagina' },
        });
      }
      request.log.error({ err: error, url: request.url, method: request.method }, 'page failed');
      return reply.status(500).page('message', 'Er ging iets mis', {
        heading: 'Er ging iets mis',
        message:
          'Er ging aan onze kant iets mis. Probeer het later nog eens; blijft het misgaan, meld het dan bij de beheerder.',
        link: { href: '/', label: 'Naar de startpagina' },
      });
    });

    await app.register(signInRoutes, { web });
    await app.register(startRoutes, { web });
    await app.register(passwordRoutes, { web });
    await app.register(usersRoutes, { web });
    for (const extension of options.extensions ?? []) {
      if (extension.routes) await app.register(extension.routes, { web });
    }
    // Every other path is a Dutch 404 page, except under the API's prefixes, which keep their JSON 404. (A
    // not-found handler cannot be set here: the API's owns the root prefix.)
    app.route({
      method: ['GET', 'HEAD', 'POST'],
      url: '/*',
      handler: async (request, reply) => {
        if (API_PATHS.test(request.url)) return reply.callNotFound();
        return notFoundPage(reply);
      },
    });
  };
}

/** The page a form was posted from, for the link after a refused post. */
function formPage(url: string): string {
  const pathname = url.split('?')[0]!;
  return pathname.startsWith('/gebruikers') ? '/gebruikers' : pathname;
}
