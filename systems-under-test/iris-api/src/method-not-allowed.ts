import type { FastifyInstance, FastifyRequest } from 'fastify';

import { ApiError } from './api-error.ts';

/** Methods registered for one route path, and a test for request paths that it matches. */
interface RoutePath {
  matches: (path: string) => boolean;
  methods: Set<string>;
}

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a matcher for a Fastify route path. A static path matches itself, `:name` matches one
 * path segment and `*` matches the rest of the path, as in find-my-way, Fastify's router.
 */
function buildPathMatcher(url: string): (path: string) => boolean {
  if (!url.includes(':') && !url.includes('*')) {
    return (path) => path === url;
  }

  const pattern = url
    .split(/(:[^/]+|\*)/)
    .map((part) => {
      if (part === '*') {
        return '.*';
      }
      return part.startsWith(':') ? '[^/]+' : escapeRegExp(part);
    })
    .join('');
  const regExp = new RegExp(`^${pattern}$`, 's');
  return (path) => regExp.test(path);
}

/** Returns a 405 error if the request path matches a registered route path, else undefined. */
function findMethodNotAllowed(
  routePaths: ReadonlyMap<string, RoutePath>,
  request: FastifyRequest,
): ApiError | undefined {
  const path = request.url.split('?')[0] ?? request.url;
  const allowed = new Set<string>();
  for (const routePath of routePaths.values()) {
    if (routePath.matches(path)) {
      routePath.methods.forEach((method) => allowed.add(method));
    }
  }
  if (allowed.size === 0) {
    return undefined;
  }

  const allow = [...allowed].sort().join(', ');
  return new ApiError(
    405,
    'METHOD_NOT_ALLOWED',
    `Method ${request.method} is not allowed on ${path}. Allowed methods: ${allow}.`,
    [],
    { allow },
  );
}

/**
 * Registers a check that returns 405 Method Not Allowed with an Allow header when a request
 * matches no route but its path exists with other methods, for example GET /predict. Requests
 * whose path matches no route at all still reach the 404 handler.
 *
 * Call it before any route is registered, because it collects the routes with an onRoute hook.
 */
export function registerMethodNotAllowed(app: FastifyInstance): void {
  const routePaths = new Map<string, RoutePath>();

  const addMethods = (url: string, methods: readonly string[]): void => {
    let routePath = routePaths.get(url);
    if (routePath === undefined) {
      routePath = { matches: buildPathMatcher(url), methods: new Set() };
      routePaths.set(url, routePath);
    }
    methods.forEach((method) => routePath.methods.add(method));
  };

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const methods = [route.method].flat();
    addMethods(url, methods);

    // A plugin route '/' under a prefix such as /docs is served at /docs and /docs/ (Fastify's
    // default prefixTrailingSlash 'both'), but onRoute runs only for /docs in Fastify 5.
    // NOTE: a route registered with the empty path '' looks the same to this hook, so a request
    // to its trailing-slash form gets 405 where Fastify would return 404.
    if (route.routePath === '' && route.prefix !== '' && route.prefixTrailingSlash !== 'no-slash') {
      addMethods(`${url}/`, methods);
    }
  });

  // An onRequest hook runs before the body is read, so a 405 wins over body errors.
  app.addHook('onRequest', (request, _reply, done) => {
    done(request.is404 ? findMethodNotAllowed(routePaths, request) : undefined);
  });
}
