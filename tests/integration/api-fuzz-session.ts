import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { createSession, sessionCookieFor } from '@/lib/auth/sessions';
import { csrfTokenFor } from '@/lib/http/csrf';
import { mfaRequiredFor } from '@/lib/auth/mfa-required';
import { db, schema, type TestUser } from './harness';

/** The app's origin in integration tests (NEXTAUTH_URL/PUBLIC_URL default). */
export const ORIGIN = 'http://localhost:3000';

export type SignedIn = { user: TestUser; sessionId: string; cookie: string; csrf: string };

/** A real sign-in session row and its cookie, as a browser that signed in would hold them. */
export async function signedIn(user: TestUser): Promise<SignedIn> {
  // Roles that must use two-step verification are fully signed in only once they have it (and passed it).
  if (mfaRequiredFor(user.role)) await db().update(schema.users).set({ totpEnabledAt: new Date() }).where(eq(schema.users.id, user.id));
  const sessionId = await createSession(db(), user.id, { ip: '203.0.113.1', userAgent: 'vitest' }, true);
  const c = await sessionCookieFor({ userId: user.id, sessionVersion: user.sessionVersion, sessionId });
  return { user, sessionId, cookie: `${c.name}=${c.value}`, csrf: csrfTokenFor(sessionId) };
}

/** A request to a route handler, with the session cookie, our Origin and the CSRF token unless told otherwise. */
export function apiRequest(
  session: SignedIn | null,
  method: string,
  path: string,
  opts: { body?: string; origin?: string | null; csrf?: string | null; headers?: Record<string, string> } = {},
): NextRequest {
  const headers = new Headers(opts.headers);
  if (session) headers.set('cookie', session.cookie);
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin) headers.set('origin', origin);
  const csrf = opts.csrf === undefined ? session?.csrf : opts.csrf;
  if (csrf && !['GET', 'HEAD'].includes(method)) headers.set('x-csrf-token', csrf);
  if (opts.body !== undefined) headers.set('content-type', 'application/json');
  return new NextRequest(`${ORIGIN}${path}`, { method, headers, body: opts.body });
}

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const METHODS = ['GET', ...WRITE_METHODS] as const;
export type Method = (typeof METHODS)[number];
type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiRoute = {
  /** e.g. `incidents/[id]/members/[userId]` */
  route: string;
  /** The `[name]` segments, in order. */
  params: string[];
  handlers: Partial<Record<Method, RouteHandler>>;
};

const apiV1Dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'app', 'api', 'v1');

/** The route files under app/api/v1, found on disk: routes added later are covered without editing the tests. */
export function apiV1RouteFiles(): string[] {
  return (fs.readdirSync(apiV1Dir, { recursive: true }) as string[]).filter((f) => /(^|\/)route\.tsx?$/.test(f)).sort();
}

/** Every route module under app/api/v1 with its exported method handlers. */
export async function apiV1Routes(files = apiV1RouteFiles()): Promise<ApiRoute[]> {
  const base = apiV1Dir;
  const routes: ApiRoute[] = [];
  for (const file of files) {
    const mod = (await import(path.join(base, file))) as Partial<Record<Method, RouteHandler>>;
    const route = path.dirname(file) === '.' ? '' : path.dirname(file);
    const handlers: ApiRoute['handlers'] = {};
    for (const m of METHODS) if (typeof mod[m] === 'function') handlers[m] = mod[m];
    routes.push({ route, params: [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]), handlers });
  }
  return routes;
}

/** The URL path for a route with these parameter values. */
export function routePath(route: ApiRoute, values: Record<string, string>): string {
  return `/api/v1/${route.route.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(wellFormed(values[name] ?? '')))}`;
}

/** A URL carries UTF-8: a lone surrogate arrives as U+FFFD, as it would from a browser. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Calls a handler as Next would: route params arrive decoded, as UTF-8 text. */
export function call(route: ApiRoute, method: Method, req: NextRequest, values: Record<string, string>): Promise<Response> {
  const decoded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, wellFormed(v)]));
  return route.handlers[method]!(req, { params: Promise.resolve(decoded) });
}
