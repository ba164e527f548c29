import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { burnPasswordCheck, verifyPassword } from './password';
import { authSecret, sessionCookieName, usesSecureCookies } from './session-cookie';

const credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/** Looks up the account and checks the password; the same answer (null) for unknown email and wrong password. */
export async function authenticate(raw: unknown) {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const [user] = await getDb().select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.status !== 'active') return null;
  await recordAudit(getDb(), { actorId: user.id, action: 'user.sign_in', subjectType: 'user', subjectId: user.id });
  return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}

export function authOptions(): NextAuthOptions {
  const secure = usesSecureCookies();
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: async (input) => authenticate(input),
      }),
    ],
    callbacks: {
      // The JWT carries only the user id and the session version; everything else is read fresh per request.
      jwt: async ({ token, user }) => {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          delete token.picture;
        }
        return token;
      },
    },
  };
}
