// What the API's routes are given. Apart from app.ts, so routes import it without importing the app that imports them.
import type { AppContext } from '../app-context.js';

export interface ApiDeps {
  context: AppContext;
  /** Reports Redis reachability for /health: 'ok' or the problem. */
  redisHealth: () => Promise<string>;
}
