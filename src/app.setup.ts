import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { describeBodyError, sendError } from './common/errors/all-exceptions.filter';
import { Csrf } from './common/http/csrf';
import { requestLogger, requestPipeline } from './common/http/request-pipeline';
import { precomputedHelmet } from './common/http/security-headers';
import { JsonLogger, LOGGER } from './common/logging/json-logger';
import { configureNunjucks } from './web/nunjucks';
import { projectRoot } from './web/project-root';

/** Everything the HTTP app needs beyond the module graph; shared by main.ts and the tests. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = app.get<JsonLogger>(LOGGER);
  const root = projectRoot();
  const nhsuk = join(root, 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk');

  app.useLogger(logger);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Every answer but the static files is no-store (below), so no client ever revalidates one:
  // hashing each body for an ETag was wasted work. Static files keep theirs (serve-static's own).
  app.set('etag', false);
  app.use(requestPipeline(config, new Csrf(config.sessionSecret)));
  app.use(requestLogger(logger));

  const production = config.nodeEnv === 'production';
  // The only inline script is nhsuk-frontend's page template's one line that marks the body
  // js-enabled before first paint; it carries this per-response nonce. No 'unsafe-inline'.
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`;
  const strict = precomputedHelmet(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonce],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // One year, subdomains included, in production only (development runs on http://localhost).
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
  }));
  // Swagger UI needs inline styles; it is the only page allowed them.
  const docs = precomputedHelmet(helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], objectSrc: ["'none'"] } },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }));
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next));

  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const d = describeBodyError((err ?? {}) as { type?: string });
    if (!d) return next(err);
    sendError(req, res, d);
  });

  app.use('/assets', express.static(join(nhsuk, 'assets'), { index: false, maxAge: '1d' }));
  // nhsuk-frontend's CSS fetches the Frutiger web font from assets.nhs.uk, which only NHS.UK
  // domains may use and which the CSP (own assets only) blocks. Serve the CSS without those
  // @font-face rules: text falls back to Arial, as the design system advises off nhs.uk.
  const nhsukCss = readFileSync(join(nhsuk, 'nhsuk-frontend.min.css'), 'utf8').replace(/@font-face\{[^}]*assets\.nhs\.uk[^}]*\}/g, '');
  const nhsukCssEtag = `"${createHash('sha1').update(nhsukCss).digest('base64url')}"`; // ETags are off app-wide
  app.use('/assets', (req: Request, res: Response, next: NextFunction) => {
    if (!/^\/nhsuk-frontend\.min\.(css|js)(\.map)?$/.test(req.path)) return next();
    if (req.path === '/nhsuk-frontend.min.css') {
      res.type('text/css').set('Cache-Control', 'public, max-age=86400').set('ETag', nhsukCssEtag).send(nhsukCss);
      return;
    }
    res.sendFile(join(nhsuk, req.path.slice(1)), { maxAge: '1d' });
  });
  app.use('/static', express.static(join(root, 'src', 'web', 'public'), { index: false, maxAge: '1h' }));

  configureNunjucks(app.getHttpAdapter().getInstance(), { watch: config.nodeEnv === 'development' });

  // The OpenAPI document is built from the routes on its first request, not at start-up: scanning
  // every controller and DTO was most of the start-up time of the app (and of every test app).
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('WardWorks API')
        .setDescription(
          'Social enterprises, paid work roles, rotas, skills and ledgers for NHS forensic mental health units. ' +
            'Authenticate with POST /api/auth/token and send "Authorization: Bearer <token>". Errors are ' +
            '{ statusCode, code, message, details?, requestId }. Money is integer pence; instants are UTC ISO 8601.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'WardWorks API' });
  // On SIGTERM/SIGINT: close the server and database, then exit 0 (Nest's default re-raises
  // the signal, which process managers report as a crash rather than a clean stop).
  app.enableShutdownHooks([], { useProcessExit: true });
}
