// What the web plugin hands its routes and the pages of other modules: the services of every page (`WebServices`),
// the shape of a module's pages (`WebExtension`), the session cookie's name, and the request and reply members the
// plugin decorates. Routes import this, never web.plugin.ts, so imports go one way: plugin -> routes -> this.
import type { FastifyPluginAsync } from 'fastify';
import type { ActiveSession } from '../users/sessions.service.js';
import type { UsersModule } from '../users/index.js';
import type { User } from '../users/user.js';
import type { Navigation, NavigationItem } from './navigation.js';

declare module 'fastify' {
  interface FastifyRequest {
    webUser: User | null;
    webSession: ActiveSession | null;
    /** The browser sent a session that has ended (idle, absolute end, user disabled). */
    webSessionExpired: boolean;
  }
  interface FastifyReply {
    /** Renders one template in the layout, with the user, the navigation and a CSRF token. */
    page(template: string, title: string, data?: Record<string, unknown>): Promise<FastifyReply>;
  }
}

export const SESSION_COOKIE = 'onderstroom_sessie';

/** What another module adds to the web pages: menu items and the routes behind them (guarded by requireRole). */
export interface WebExtension {
  navigation?: NavigationItem[];
  routes?: FastifyPluginAsync<{ web: WebServices }>;
}

export interface WebServices extends UsersModule {
  navigation: Navigation;
  timezone: string;
}
