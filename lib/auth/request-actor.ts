import { cookies, headers } from 'next/headers';
import { actorFromSessionToken, type Actor } from './actor';
import { sessionCookieName } from './session-cookie';

/** The actor for a page, server action or route handler; null when signed out. */
export async function getActor(): Promise<Actor | null> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const token = jar.get(sessionCookieName())?.value;
  return actorFromSessionToken(token, clientIp(h));
}

export function clientIp(h: Headers): string | undefined {
  return h.get('x-watchroom-client-ip') || undefined;
}
