import { and, eq } from 'drizzle-orm';
import { decode } from 'next-auth/jwt';
import { getDb, schema } from '@/db/client';
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
};

type SessionClaims = { sub?: string; sv?: number };

/**
 * Decodes the next-auth session cookie and re-checks it against the database: a suspended user, a
 * bumped sessionVersion or a deleted account gives no actor, on this very request. One indexed query.
 */
export async function actorFromSessionToken(token: string | undefined, ip?: string): Promise<Actor | null> {
  if (!token) return null;
  let claims: SessionClaims | null = null;
  try {
    claims = (await decode({ token, secret: authSecret() })) as SessionClaims | null;
  } catch {
    return null;
  }
  if (!claims?.sub || typeof claims.sv !== 'number') return null;
  return loadActiveActor(claims.sub, claims.sv, ip);
}

export async function loadActiveActor(userId: string, sessionVersion: number, ip?: string): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [row] = await getDb()
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      organisationId: schema.users.organisationId,
    })
    .from(schema.users)
    .where(
      and(
        eq(schema.users.id, userId),
        eq(schema.users.status, 'active'),
        eq(schema.users.sessionVersion, sessionVersion),
      ),
    )
    .limit(1);
  return row ? { ...row, ip } : null;
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
