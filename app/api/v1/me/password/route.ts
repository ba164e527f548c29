import { changePassword } from '@/lib/auth/change-password';
import { sessionCookieFor } from '@/lib/auth/sessions';
import { json, readJson, withActor } from '@/lib/http/api';

/** Changes my password; every other session is signed out and this browser gets a fresh session cookie. */
export const POST = withActor(async ({ actor, req }) => {
  const fresh = await changePassword(actor, await readJson(req), { ip: actor.ip, userAgent: req.headers.get('user-agent') ?? undefined });
  const cookie = await sessionCookieFor(fresh);
  const res = json({ changed: true, sessionId: fresh.sessionId });
  res.cookies.set(cookie.name, cookie.value, cookie.options);
  return res;
});
