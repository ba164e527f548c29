import type { Actor } from './actor';
import { viaApiToken } from '@/lib/api-tokens/token-actor';
import { Forbidden } from '@/lib/errors';

/** An actor that came with a browser sign-in session (never an API token). */
export type SessionActor = Actor & { sessionId: string };

export const SESSION_ONLY_MESSAGE =
  'An API token cannot manage the account that owns it (sessions, password, two-step verification, API tokens, the mobile number alerts go to). Sign in with a browser to do this.';

/**
 * The one gate for account security — sessions, password, two-step verification, API tokens and the mobile
 * number alerts are texted to: only a browser sign-in session may change them, so a leaked token cannot lock its
 * owner out, mint others, or send the owner's alerts to another phone.
 * Fails closed: an actor without a session (an API token, a job) is refused with 403.
 */
export function requireSession(actor: Actor): SessionActor {
  if (!actor.sessionId || viaApiToken(actor)) throw Forbidden(SESSION_ONLY_MESSAGE);
  return actor as SessionActor;
}
