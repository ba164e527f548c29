import { NextResponse, type NextRequest } from 'next/server';
import { actorFromApiToken, bearerToken } from '@/lib/api-tokens/authenticate-api-token';
import { actorFromSessionToken, type Actor } from '@/lib/auth/actor';
import { sessionCookieName } from '@/lib/auth/session-cookie';
import { config } from '@/lib/config';
import { AppError, Forbidden, Invalid, isAppError, Unauthenticated } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { BodyTooLarge, MAX_BODY_BYTES } from './body-limit';
import { requestClientIp } from './client-ip';
import { assertCsrfToken } from './csrf';
import { assertStorableText, isUnstorableText } from './text-safety';

/** `{ "error": { "code", "message", "fields" } }` with the matching HTTP status. */
export function errorResponse(error: AppError) {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: error.status, headers: { 'Cache-Control': 'no-store' } },
  );
}

export function json(data: unknown, status = 200) {
  return NextResponse.json(data, { status, headers: { 'Cache-Control': 'no-store' } });
}

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (args: { actor: Actor; req: NextRequest; params: P }) => Promise<Response>;

/**
 * Wraps a /api/v1 route: resolves the actor from `Authorization: Bearer <API token>` or the session
 * cookie (401 otherwise), refuses cross-site cookie writes, and maps coded errors to HTTP. Anything unexpected is a 500 without details.
 */
export function withActor<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: RouteContext<P>) => {
    try {
      const bearer = bearerToken(req.headers.get('authorization'));
      if (bearer !== undefined) {
        // A personal API token (lib/api-tokens): no cookie is involved, so no Origin/CSRF check applies.
        const actor = await actorFromApiToken(bearer, req.method, requestClientIp(req.headers));
        return await handler({ actor, req, params: await ctx.params });
      }
      if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) assertSameOrigin(req);
      const token = req.cookies.get(sessionCookieName())?.value;
      const actor = await actorFromSessionToken(token, requestClientIp(req.headers));
      if (!actor) throw Unauthenticated();
      // A cookie-authenticated write also carries its session's CSRF token (lib/http/csrf.ts).
      if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) assertCsrfToken(req.headers, actor.sessionId);
      return await handler({ actor, req, params: await ctx.params });
    } catch (error) {
      return handleError(error);
    }
  };
}

export function handleError(error: unknown) {
  if (isAppError(error)) return errorResponse(error as AppError);
  if (isUnstorableText(error)) return errorResponse(Invalid('The request contains characters that cannot be stored (such as NUL).'));
  logger.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'unhandled API error');
  return json({ error: { code: 'internal', message: 'Something went wrong. Nothing was changed.' } }, 500);
}

/**
 * Reads a JSON body; anything that is not JSON is a 400 and a body over MAX_BODY_BYTES a 413, before any
 * use case runs. With `optional`, an empty body is `undefined` rather than a 400.
 */
export async function readJson(req: Request, opts: { optional?: boolean } = {}): Promise<unknown> {
  const text = await readBodyText(req);
  if (!text.trim()) {
    if (opts.optional) return undefined;
    throw Invalid('Send a JSON body');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw Invalid('The body is not valid JSON');
  }
  assertStorableText(value);
  return value;
}

/**
 * The body as UTF-8 text, never more than MAX_BODY_BYTES of it: a Content-Length over the limit is refused
 * before anything is read, and otherwise the stream is counted as it arrives and reading stops (the rest
 * is cancelled) as soon as it passes the limit. Either way a 413 (BodyTooLarge).
 */
export async function readBodyText(req: Request): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw BodyTooLarge();
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw BodyTooLarge();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A write from a browser must come from our own origin (cookies alone would let other sites post). */
function assertSameOrigin(req: NextRequest) {
  const origin = req.headers.get('origin');
  if (!origin) return;
  const allowed = new Set([new URL(config().publicUrl).origin, `${req.nextUrl.protocol}//${req.headers.get('host')}`]);
  if (!allowed.has(origin)) throw Forbidden('Cross-site request refused.');
}
