import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from '../request-context';
import { ROLES, type Role } from '../../users/roles';

export const PUBLIC_KEY = 'ww:public';
export const ROLES_KEY = 'ww:roles';
export const ALLOW_PENDING_PASSWORD_KEY = 'ww:allow-pending-password';

/** A route anyone may call, signed in or not. Say why at the call site. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The roles that may call a route. Record-level scope is still checked in the service. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Any signed-in user, whatever the role. */
export const AnyRole = (): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, [...ROLES]);

/** Reachable while the user must still change a temporary password. */
export const AllowPendingPasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_PENDING_PASSWORD_KEY, true);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
