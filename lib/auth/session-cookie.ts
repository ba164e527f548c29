import { config } from '@/lib/config';

export function authSecret(): string {
  const secret = config().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: server.ts generates one at start-up');
  return secret;
}

/** How long a sign-in lasts: the JWT's maxAge and the session row's expiry. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function usesSecureCookies(): boolean {
  return config().publicUrl.startsWith('https://');
}

/**
 * `__Host-` prefixed over https (Secure, Path=/, no Domain: the browser refuses it from any other host
 * or over http); plain name on http (the local demo). next-auth's other cookies get its own
 * `__Secure-`/`__Host-` names through useSecureCookies.
 */
export function sessionCookieName(): string {
  return `${usesSecureCookies() ? '__Host-' : ''}next-auth.session-token`;
}

/** The session cookie's attributes: HttpOnly, SameSite=Lax, Path=/, Secure over https. */
export function sessionCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: usesSecureCookies() };
}
