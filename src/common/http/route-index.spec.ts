import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { indexRoutes, routePrefix } from './route-index';

describe('routePrefix', () => {
  it.each([
    ['/api/shifts/:id', ['api', 'shifts']],
    ['/api/shifts', ['api', 'shifts']],
    ['/API/Me', ['api', 'me']],
    ['/patients/:id/leave', ['patients']],
    ['/health', ['health']],
    ['/', []],
    ['/:slug', []],
    ['/*splat', []],
    // a segment holding an optional part is not literal, nor anything after it
    ['/files{/:name}', []],
    ['/api/docs{/*rest}', ['api']],
    ['/a/b/c/d', ['a', 'b']],
  ])('%s -> %j', (path, prefix) => {
    expect(routePrefix(path)).toEqual(prefix);
  });

  it('gives no prefix for a path that is not a string', () => {
    expect(routePrefix(/^\/api\/.*/)).toEqual([]);
    expect(routePrefix(['/a', '/b'])).toEqual([]);
  });
});

/**
 * An app with the shapes of route the real one has: literal, parameter, optional and wildcard
 * segments, routes that overlap (the first registered wins), middleware between runs of routes,
 * and a trailing not-found handler as Nest registers one.
 */
function makeApp(): Express {
  const app = express();
  const answer = (name: string) => (req: Request, res: Response) => res.json({ name, params: req.params, route: req.route?.path, baseUrl: req.baseUrl });
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('x-first', '1');
    next();
  });
  app.get('/api/me', answer('me'));
  app.get('/api/shifts', answer('shifts-list'));
  app.post('/api/shifts', answer('shifts-create'));
  app.get('/api/shifts/week', answer('shifts-week'));
  app.get('/api/shifts/:id', answer('shift'));
  app.delete('/api/shifts/:id', answer('shift-delete'));
  app.get('/api/:area/summary', answer('area-summary'));
  app.get('/api/patients/:id', answer('patient'));
  app.get('/health', answer('health'));
  app.get('/files{/:name}', answer('files'));
  app.get('/docs/*rest', answer('docs'));
  app.use('/static', (_req: Request, res: Response) => res.send('static'));
  app.get('/', answer('home'));
  app.get('/patients/:id', answer('patient-page'));
  app.post('/patients/:id', answer('patient-save'));
  app.get('/patients/new', answer('patient-new-never')); // shadowed by /patients/:id
  app.get('/:slug', answer('slug'));
  app.get('/:slug/about', answer('slug-about'));
  app.get('/api/late', answer('late'));
  app.use((req: Request, res: Response) => res.status(404).json({ notFound: req.method + ' ' + req.path }));
  return app;
}

const PATHS = [
  '/', '/api', '/api/', '/api/me', '/api/me/', '/API/ME', '/api//me', '//api/me', '/api/%6De', '/api/shifts', '/api/shifts/',
  '/api/shifts/week', '/api/shifts/abc', '/api/shifts/abc/x', '/api/shifts/a%20b', '/api/late', '/api/rota/summary',
  '/api/shifts/summary', '/api/patients/7', '/api/nope', '/health', '/health/', '/health/x', '/files', '/files/a',
  '/files/a/b', '/docs/a/b/c', '/docs', '/static/x.css', '/static', '/patients/new', '/patients/9', '/patients',
  '/about', '/about/about', '/x/y/z', '/late', '/api/shifts?x=1', '/api/%zz',
];

async function answers(app: Express): Promise<string[]> {
  const out: string[] = [];
  for (const path of PATHS) {
    for (const method of ['get', 'post', 'delete', 'head', 'options', 'put'] as const) {
      const res = await request(app)[method](path);
      out.push(`${method.toUpperCase()} ${path} -> ${res.status} ${res.headers['x-first'] ?? ''} ${res.headers.allow ?? ''} ${res.text ?? ''}`);
    }
  }
  return out;
}

describe('indexRoutes', () => {
  it('leaves every answer as it was: the same handler, params, status and headers for each method and path', async () => {
    const plain = makeApp();
    const indexed = makeApp();
    indexRoutes(indexed as never);
    const before = await answers(plain);
    const after = await answers(indexed);
    expect(after).toEqual(before);
    // and the requests did reach the handlers the table names (the comparison is not of two 404s)
    expect(before).toContain('GET /api/shifts/week -> 200 1  {"name":"shifts-week","params":{},"route":"/api/shifts/week","baseUrl":""}');
    expect(before).toContain('GET /api/rota/summary -> 200 1  {"name":"area-summary","params":{"area":"rota"},"route":"/api/:area/summary","baseUrl":""}');
    expect(before).toContain('GET /patients/new -> 200 1  {"name":"patient-page","params":{"id":"new"},"route":"/patients/:id","baseUrl":""}');
    expect(before).toContain('DELETE /api/shifts/abc -> 200 1  {"name":"shift-delete","params":{"id":"abc"},"route":"/api/shifts/:id","baseUrl":""}');
  });

  it('replaces each run of routes with one layer and keeps the middleware where it was', () => {
    const app = makeApp() as unknown as { router: { stack: { route?: unknown; name: string }[] } };
    indexRoutes(app as never);
    const shape = app.router.stack.map((layer) => (layer.route ? 'route' : layer.name));
    // first middleware, the run of 10 routes, /static, the run of 7 routes, the not-found handler
    expect(shape).toEqual(['<anonymous>', 'handle', '<anonymous>', 'handle', '<anonymous>']);
  });
});
