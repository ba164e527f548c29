import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextRequest } from 'next/server';
import { BodyTooLarge, MAX_BODY_BYTES as MAX_DIRECT_BODY_BYTES } from './body-limit';

/** Any route's handler: its params are the names in the route's pattern, decoded (as Next gives them). */
type RouteHandler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
type DirectRoute = { method: string; pattern: RegExp; params: string[]; load: () => Promise<RouteHandler> };
type Loaded = { method: string; pattern: RegExp; params: string[]; handler: RouteHandler };

/**
 * The API routes a live incident hammers, which the HTTP server answers itself by calling the very route
 * handler Next would call (same `withActor` session/token check, CSRF and origin checks, validation, use
 * case and error mapping), without Next's router, proxy and route runtime in between. Measured on the
 * two-core machine (`npm run bench`), Next's path cost a post about 6 ms of CPU beyond the handler's own work.
 *
 * - a reply: posting in a busy thread is what everyone does at once;
 * - a thread's posts: every open view of a thread refetches them on each live event (ids only travel on
 *   the socket), so one reply becomes one such request per reader.
 *
 * Every other route, method or path shape goes on to Next as before.
 */
const ROUTES: DirectRoute[] = [
  { method: 'POST', pattern: /^\/api\/v1\/threads\/([^/]+)\/posts$/, params: ['id'], load: async () => (await import('@/app/api/v1/threads/[id]/posts/route')).POST },
  { method: 'GET', pattern: /^\/api\/v1\/threads\/([^/]+)$/, params: ['id'], load: async () => (await import('@/app/api/v1/threads/[id]/route')).GET },
];

/** Larger bodies are refused before they are read to the end: the same limit and 413 answer as every other route (`readJson`). */
export { MAX_DIRECT_BODY_BYTES };

type Api = typeof import('./api');
let loaded: { routes: Loaded[]; NextRequest: typeof NextRequest; api: Pick<Api, 'json' | 'handleError'> } | undefined;

/**
 * Loads the route modules. Call once Next is prepared: they import Next's request types, which need the
 * async storage Next sets up.
 */
export async function loadDirectRoutes() {
  const [{ NextRequest }, api] = await Promise.all([import('next/server'), import('./api')]);
  const routes = await Promise.all(ROUTES.map(async ({ load, ...route }) => ({ ...route, handler: await load() })));
  loaded = { routes, NextRequest, api };
}

/** Answers the request if it is one of the direct routes (returns true); otherwise returns false and leaves it alone. */
export function serveDirectRoute(req: IncomingMessage, res: ServerResponse): boolean {
  if (!loaded) return false;
  const [pathname] = (req.url ?? '/').split('?', 1);
  for (const route of loaded.routes) {
    if (req.method !== route.method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params = decodeParams(route.params, match);
    if (!params) return false; // Next answers a malformed address as it always has
    void respond(req, res, route.handler, params, loaded);
    return true;
  }
  return false;
}

function decodeParams(names: string[], match: RegExpExecArray): Record<string, string> | null {
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  } catch {
    return null;
  }
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  handler: RouteHandler,
  params: Record<string, string>,
  { NextRequest: Request, api }: NonNullable<typeof loaded>,
) {
  let response: Response;
  try {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
    if (body === null) {
      response = api.handleError(BodyTooLarge());
    } else {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      }
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: req.method, headers, body: body?.toString('utf8') });
      response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
    }
  } catch (error) {
    // The API's own answer to anything unexpected (logged, no details).
    response = api.handleError(error);
  }
  const payload = new Uint8Array(await response.arrayBuffer());
  if (res.headersSent) return void res.destroy();
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(payload);
}

/** The whole body, or null once it passes MAX_DIRECT_BODY_BYTES (by its Content-Length or as it arrives). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_DIRECT_BODY_BYTES) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DIRECT_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
