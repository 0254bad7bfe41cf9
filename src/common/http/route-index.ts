import express, { type NextFunction, type Request, type Response } from 'express';

/** What this module reads of Express 5's router (the `router` package) and its layers. */
interface Layer {
  route?: { path: unknown; methods?: Record<string, boolean> };
}
interface RouterLike {
  stack: Layer[];
  handle(req: Request, res: Response, next: NextFunction): void;
}

/** A path segment with no parameter, wildcard or optional part (path-to-regexp 8 syntax). */
const LITERAL_SEGMENT = /^[^:*{}()[\]?+!\\]+$/;

/**
 * The literal segments a route's path starts with, lowercased (routing is case-insensitive),
 * at most two: '/api/shifts/:id' -> ['api', 'shifts'], '/patients/:id' -> ['patients'],
 * '/' or a path that is not a string -> [] (a candidate for every request).
 */
export function routePrefix(path: unknown): string[] {
  if (typeof path !== 'string') return [];
  const prefix: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (prefix.length === 2 || !segment || !LITERAL_SEGMENT.test(segment)) break;
    prefix.push(segment.toLowerCase());
  }
  return prefix;
}

/**
 * Express tries an app's routes one after another, running each route's matcher on the path,
 * until one matches: with 466 routes a request for /api/shifts paid for about 150 matchers
 * before its own (about a tenth of the CPU of a rota-week request). This replaces every run of
 * consecutive route layers in the app's router by one layer that picks, from the request's
 * first two path segments, a router holding only the routes of that run that can match such a
 * path, in their original order. Middleware layers keep their places, and a route is always
 * tried in the same order relative to every other route that can match the same path, so which
 * handler answers a request does not change. No route here answers OPTIONS itself, so an
 * OPTIONS request goes on to the layers after the routes (Nest's not-found handler, which
 * answered it before too); should a route ever handle OPTIONS, the request gets the whole run.
 *
 * Call it once every route is registered (Nest: onApplicationBootstrap).
 */
export function indexRoutes(app: { router: RouterLike; enabled(setting: string): boolean }): void {
  const stack = app.router.stack;
  const rebuilt: Layer[] = [];
  for (let i = 0; i < stack.length; ) {
    if (!stack[i].route) {
      rebuilt.push(stack[i++]);
      continue;
    }
    let end = i;
    while (end < stack.length && stack[end].route) end++;
    rebuilt.push(end - i > 1 ? dispatchLayer(app, stack.slice(i, end)) : stack[i]);
    i = end;
  }
  stack.splice(0, stack.length, ...rebuilt);
}

function dispatchLayer(app: { enabled(setting: string): boolean }, routes: Layer[]): Layer {
  const settings = { caseSensitive: app.enabled('case sensitive routing'), strict: app.enabled('strict routing') };
  const routerOf = (layers: Layer[]): RouterLike => {
    const router = express.Router(settings) as unknown as RouterLike;
    router.stack.push(...layers);
    return router;
  };
  const prefixes = routes.map((layer) => routePrefix(layer.route!.path));
  // a request whose first two segments are a route's two-segment prefix: that key's routes plus
  // every route with a shorter prefix that fits; any other request: the routes with shorter prefixes
  const twoKeys = new Set(prefixes.filter((p) => p.length === 2).map((p) => p.join('/')));
  const byTwo = new Map<string, RouterLike>();
  for (const key of twoKeys) {
    const [first] = key.split('/');
    byTwo.set(key, routerOf(routes.filter((_, n) => prefixes[n].length === 0 || (prefixes[n][0] === first && (prefixes[n].length === 1 || prefixes[n].join('/') === key)))));
  }
  const oneKeys = new Set(prefixes.filter((p) => p.length >= 1).map((p) => p[0]));
  const byOne = new Map<string, RouterLike>();
  for (const first of oneKeys) byOne.set(first, routerOf(routes.filter((_, n) => prefixes[n].length === 0 || (prefixes[n].length === 1 && prefixes[n][0] === first))));
  const rest = routerOf(routes.filter((_, n) => prefixes[n].length === 0));
  const options = routes.some((layer) => layer.route!.methods?.options || layer.route!.methods?._all) ? routerOf(routes) : null;

  const pick = (path: string): RouterLike => {
    // '/api/shifts/x' -> 'api', 'api/shifts'; empty segments ('//') fall through to shorter keys
    const a = path.indexOf('/', 1);
    const first = (a < 0 ? path.slice(1) : path.slice(1, a)).toLowerCase();
    if (a >= 0) {
      const b = path.indexOf('/', a + 1);
      const second = (b < 0 ? path.slice(a + 1) : path.slice(a + 1, b)).toLowerCase();
      const router = second && byTwo.get(`${first}/${second}`);
      if (router) return router;
    }
    return byOne.get(first) ?? rest;
  };
  const handle = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'OPTIONS') pick(req.path).handle(req, res, next);
    else if (options) options.handle(req, res, next);
    else next();
  };
  const holder = express.Router() as unknown as RouterLike & { use(fn: unknown): void };
  holder.use(handle);
  return holder.stack[0];
}
