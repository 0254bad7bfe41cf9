import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth-decorators';

export interface Route {
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  roles: string[] | undefined;
  /** Left out of the OpenAPI document (@ApiExcludeController / @ApiExcludeEndpoint). */
  undocumented: boolean;
}

const API_EXCLUDE_ENDPOINT = 'swagger/apiExcludeEndpoint';
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';

const joinPath = (...parts: (string | undefined)[]) => '/' + parts.flatMap((p) => (p ?? '').split('/')).filter(Boolean).join('/');

/** Every route of the given controllers, with the access metadata the global guard reads. */
export function routesOf(controllers: Type[], reflector = new Reflector()): Route[] {
  const routes: Route[] = [];
  for (const controller of controllers) {
    const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
    const names = new Set<string>();
    for (let proto = controller.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    }
    for (const name of names) {
      const handler = controller.prototype[name];
      if (typeof handler !== 'function') continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const targets = [handler, controller];
      const excluded = Reflect.getMetadata(API_EXCLUDE_ENDPOINT, handler)?.disable || Reflect.getMetadata(API_EXCLUDE_CONTROLLER, controller)?.[0];
      for (const prefix of prefixes) {
        for (const path of [paths].flat()) {
          routes.push({
            method,
            path: joinPath(prefix, path),
            controller: controller.name,
            handler: name,
            isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
            roles: reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets),
            undocumented: !!excluded,
          });
        }
      }
    }
  }
  return routes;
}

/** Every route registered in the running application, whichever module it comes from. */
export function registeredRoutes(app: INestApplication): Route[] {
  const controllers = new Set<Type>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) if (wrapper.metatype) controllers.add(wrapper.metatype as Type);
  }
  return routesOf([...controllers], app.get(Reflector));
}
