import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { requestClientIp } from '@/lib/http/client-ip';
import { sessionFromToken, type Actor, type SignedInSession } from './actor';
import { sessionCookieName } from './session-cookie';

/**
 * This request's sign-in session, with what the page header needs, in one query; looked up once per
 * server render (React's cache), straight through in server actions and route handlers.
 */
export const currentSession = cache(async (): Promise<SignedInSession | null> => {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const token = jar.get(sessionCookieName())?.value;
  return sessionFromToken(token, requestClientIp(h), { withHeader: true });
});

/** The actor for a page, server action or route handler; null when signed out or not past the MFA step. */
export async function getActor(): Promise<Actor | null> {
  const session = await currentSession();
  return session?.state === 'active' ? session.actor : null;
}

export async function userAgent(): Promise<string | undefined> {
  return (await headers()).get('user-agent') ?? undefined;
}
