import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../users/roles';

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  wardIds: string[];
  patientId: string | null;
  mustChangePassword: boolean;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

export interface RequestContext {
  requestId: string;
  ip: string | null;
  user?: AuthUser;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return requestContext.getStore();
}
