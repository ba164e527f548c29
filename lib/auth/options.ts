import { and, eq, isNull, sql } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb, schema } from '@/db/client';
import { isAppError } from '@/lib/errors';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { authSecret, SESSION_MAX_AGE_SECONDS, sessionCookieName, sessionCookieOptions, usesSecureCookies } from './session-cookie';
import { authenticate } from './sign-in';

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' && value ? value : undefined;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    useSecureCookies: usesSecureCookies(),
    cookies: {
      sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() },
    },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: async (input, req) => {
          try {
            return await authenticate(input, {
              ip: header(req?.headers, CLIENT_IP_HEADER),
              userAgent: header(req?.headers, 'user-agent'),
            });
          } catch (error) {
            // next-auth hands an error's message to the sign-in form as `error`: only our own, safe ones.
            if (isAppError(error) && (error as Error & { code: string }).code === 'rate_limited') throw new Error((error as Error).message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // The JWT names the session row and the session version; everything else is read fresh per request.
      jwt: async ({ token, user }) => {
        if (user) {
          const u = user as { id: string; sessionVersion?: number; sessionId?: string };
          token.sub = u.id;
          token.sv = u.sessionVersion ?? 0;
          token.sid = u.sessionId;
          delete token.picture;
        }
        return token;
      },
    },
    events: {
      // Signing out ends the session row too, not just the cookie.
      signOut: async ({ token }) => {
        const sid = (token as { sid?: unknown } | null)?.sid;
        const sub = token?.sub;
        if (typeof sid !== 'string' || typeof sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(sid) || !/^[0-9a-f-]{36}$/i.test(sub)) return;
        await getDb()
          .update(schema.userSessions)
          .set({ revokedAt: sql`now()`, revokedReason: 'signed_out' })
          .where(and(eq(schema.userSessions.id, sid), eq(schema.userSessions.userId, sub), isNull(schema.userSessions.revokedAt)));
      },
    },
  };
}
