import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ALLOW_PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import { SESSION_COOKIE } from '../common/http/cookies';
import { Csrf } from '../common/http/csrf';
import { isApiPath } from '../common/http/request-pipeline';
import { currentContext, type AuthUser } from '../common/request-context';
import type { Role } from '../users/roles';
import { AuthService } from './auth.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: authenticates every request (bearer token or session cookie), checks CSRF on
 * every state-changing browser request, then requires @Public() or one of the route's @Roles().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly csrf: Csrf;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.csrf = new Csrf(config.sessionSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const user = await this.authenticate(req);
    if (user) {
      req.user = user;
      res.locals.currentUser = user;
      const ctx = currentContext();
      if (ctx) ctx.user = user;
    }

    if (!SAFE_METHODS.has(req.method) && user?.via !== 'token') {
      // Pages always; the API only when the caller relies on the session cookie.
      const needsCsrf = !isApiPath(req.path) || user?.via === 'session';
      const token = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.header('x-csrf-token');
      if (needsCsrf && !this.csrf.verify(req.csrfCookie, token)) {
        throw new AppError('CSRF_FAILED', 'The form has expired or did not come from this service. Go back, reload the page and try again.', 403);
      }
    }

    if (isPublic) return true;
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue', 401);
    if (!roles || roles.length === 0) throw AppError.forbidden('This route declares no roles');
    if (!roles.includes(user.role)) throw AppError.forbidden();
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_KEY, targets)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first', 403);
    }
    return true;
  }

  private async authenticate(req: Request): Promise<AuthUser | null> {
    const header = req.header('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 401);
      const user = await this.auth.userForToken(m[1]);
      if (!user) throw new AppError('UNAUTHENTICATED', 'The token is invalid, expired or revoked', 401);
      return user;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    return cookie ? this.auth.userForSession(cookie) : null;
  }
}
