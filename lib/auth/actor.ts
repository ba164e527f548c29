import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { decode } from 'next-auth/jwt';
import { getDb, schema, type Db } from '@/db/client';
import { preparedPerDb } from '@/db/prepared';
import { unreadNotificationsOf } from '@/lib/forum/unread-notifications';
import { logger } from '@/lib/logger';
import { mfaRequiredFor } from './mfa-required';
import { authSecret, sessionCookieName } from './session-cookie';

export type Role = (typeof schema.userRole.enumValues)[number];

/** Who is acting. Never null inside a use case: a signed-out request is refused before one is called. */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  ip?: string;
  /** The sign-in session the request came with (absent for actors built outside a request). */
  sessionId?: string;
};

/**
 * Where a signed-in browser stands: `active` (a full actor), `mfa_code` (password given, the second
 * factor not yet) or `mfa_enrol` (their role needs two-step verification and they have not set it up).
 * Only `active` sessions are actors; the other two may use only the MFA step.
 */
export type SessionState = 'active' | 'mfa_code' | 'mfa_enrol';

export type SignedInSession = {
  state: SessionState;
  sessionId: string;
  actor: Actor & { sessionId: string };
  mfaEnabled: boolean;
  /** Only with `withHeader`: what the page header shows, read in the same query. */
  header?: { organisationName: string; unread: number };
};

type SessionClaims = { sub?: unknown; sv?: unknown; sid?: unknown; exp?: unknown };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** last_seen_at and users.last_active_at are written at most this often per session. */
export const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

/** The actor for a session cookie: only a fully signed-in (`active`) session is one. */
export async function actorFromSessionToken(token: string | undefined, ip?: string): Promise<Actor | null> {
  const session = await sessionFromToken(token, ip);
  return session?.state === 'active' ? session.actor : null;
}

/**
 * Decodes the next-auth session cookie and re-checks it against the database in ONE indexed query
 * (user_sessions by primary key joined to users by primary key): a revoked or expired session, a
 * suspended or closed user or a bumped sessionVersion gives null, on this very request.
 */
export async function sessionFromToken(
  token: string | undefined,
  ip?: string,
  opts: { withHeader?: boolean } = {},
): Promise<SignedInSession | null> {
  if (!token) return null;
  const claims = await decodeSessionCookie(token);
  const { sub, sv, sid } = claims ?? {};
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof sv !== 'number') return null;
  if (!uuid.test(sub) || !uuid.test(sid)) return null;
  return loadSession(sid, sub, sv, ip, opts);
}

/** Cookies already decoded, by their text, until they expire: decoding derives a key and decrypts (≈0.2 ms each request). */
const decodedCookies = new Map<string, { claims: SessionClaims; exp: number }>();
const DECODED_COOKIES_KEPT = 5000;
let decodedWith: string | undefined;

/**
 * The claims of a session cookie (next-auth's JWE), or null when it does not decrypt or has expired. A cookie
 * decodes to the same claims every time, so the answer is kept until its `exp` (with jose's 15 s tolerance);
 * whether the session still stands is checked in the database on every request all the same.
 */
async function decodeSessionCookie(token: string): Promise<SessionClaims | null> {
  const secret = authSecret();
  if (decodedWith !== secret) {
    decodedCookies.clear();
    decodedWith = secret;
  }
  const now = Date.now() / 1000;
  const kept = decodedCookies.get(token);
  if (kept && kept.exp + 15 > now) return kept.claims;
  if (kept) decodedCookies.delete(token);
  let claims: SessionClaims | null;
  try {
    claims = (await decode({ token, secret })) as SessionClaims | null;
  } catch {
    return null;
  }
  if (claims && typeof claims.exp === 'number') {
    if (decodedCookies.size >= DECODED_COOKIES_KEPT) decodedCookies.delete(decodedCookies.keys().next().value!);
    decodedCookies.set(token, { claims, exp: claims.exp });
  }
  return claims;
}

export async function loadSession(
  sessionId: string,
  userId: string,
  sessionVersion: number,
  ip?: string,
  opts: { withHeader?: boolean } = {},
): Promise<SignedInSession | null> {
  const queries = sessionQueries(getDb());
  const params = { sessionId, userId, sessionVersion };
  if (opts.withHeader) {
    const [row] = await queries.withHeader.execute(params);
    return row ? signedIn(row, sessionId, ip, { organisationName: row.organisationName, unread: Number(row.unread) }) : null;
  }
  const [row] = await queries.plain.execute(params);
  return row ? signedIn(row, sessionId, ip) : null;
}

type SessionRow = { id: string; name: string; email: string; role: Role; organisationId: string; mfaEnabled: boolean; mfaPassed: boolean; lastSeenAt: Date };

function signedIn(row: SessionRow, sessionId: string, ip: string | undefined, header?: SignedInSession['header']): SignedInSession {
  const state: SessionState = row.mfaEnabled ? (row.mfaPassed ? 'active' : 'mfa_code') : mfaRequiredFor(row.role) ? 'mfa_enrol' : 'active';
  if (state === 'active' && Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) touchSession(sessionId, row.id);
  const actor = { id: row.id, name: row.name, email: row.email, role: row.role, organisationId: row.organisationId, ip, sessionId };
  return { state, sessionId, actor, mfaEnabled: row.mfaEnabled, ...(header ? { header } : {}) };
}

/**
 * The session check runs on every request, so its two forms (with and without the page header's data) are
 * prepared once: no query building per request.
 */
const sessionQueries = preparedPerDb(prepareSessionQueries);

function prepareSessionQueries(db: Db) {
  const s = schema.userSessions;
  const u = schema.users;
  const person = {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    organisationId: u.organisationId,
    mfaEnabled: sql<boolean>`${u.totpEnabledAt} is not null`,
    mfaPassed: s.mfaPassed,
    lastSeenAt: s.lastSeenAt,
  };
  // A revoked or expired session, a suspended or closed person or a bumped sessionVersion matches nothing.
  const current = and(
    eq(s.id, sql.placeholder('sessionId')),
    eq(s.userId, sql.placeholder('userId')),
    isNull(s.revokedAt),
    gt(s.expiresAt, sql`now()`),
    eq(u.status, 'active'),
    eq(u.sessionVersion, sql.placeholder('sessionVersion')),
  );
  return {
    plain: db.select(person).from(s).innerJoin(u, eq(u.id, s.userId)).where(current).limit(1).prepare('session_check'),
    withHeader: db
      .select({
        ...person,
        organisationName: schema.organisations.name,
        unread: sql<number>`(${unreadNotificationsOf(db, u.id)})`.mapWith(Number),
      })
      .from(s)
      .innerJoin(u, eq(u.id, s.userId))
      .innerJoin(schema.organisations, eq(schema.organisations.id, u.organisationId))
      .where(current)
      .limit(1)
      .prepare('session_check_with_header'),
  };
}

/** Marks the session (and its person) as seen now; off the request's path, at most once per resolution. */
function touchSession(sessionId: string, userId: string) {
  const db = getDb();
  void db
    .transaction(async (tx) => {
      await tx.update(schema.userSessions).set({ lastSeenAt: sql`now()` }).where(eq(schema.userSessions.id, sessionId));
      await tx.update(schema.users).set({ lastActiveAt: sql`now()` }).where(eq(schema.users.id, userId));
    })
    .catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not record last seen'));
}

/** For raw Cookie headers (socket.io handshakes): next-auth's getToken reads req.cookies, which they lack. */
export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const name = sessionCookieName();
  for (const part of header.split(';')) {
    const eqAt = part.indexOf('=');
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() === name) return decodeURIComponent(part.slice(eqAt + 1).trim());
  }
  return undefined;
}
