import { config } from '@/lib/config';

export function authSecret(): string {
  const secret = config().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: server.ts generates one at start-up');
  return secret;
}

export function usesSecureCookies(): boolean {
  return config().publicUrl.startsWith('https://');
}

/** `__Secure-` prefixed over https, as next-auth does; plain name on http (the local demo). */
export function sessionCookieName(): string {
  return `${usesSecureCookies() ? '__Secure-' : ''}next-auth.session-token`;
}
