import type { Actor } from './actor';
import { viaApiToken } from '@/lib/api-tokens/token-actor';
import { Forbidden } from '@/lib/errors';

/** An actor that came with a browser sign-in session (never an API token). */
export type SessionActor = Actor & { sessionId: string };

export const SESSION_ONLY_MESSAGE =
  'An API token cannot manage the account that owns it (sessions, password, two-step verification, API tokens). Sign in with a browser to do this.';

/**
 * The one gate for account security — sessions, password, two-step verification and API tokens: only a
 * browser sign-in session may manage them, so a leaked token cannot lock its owner out or mint others.
 * Fails closed: an actor without a session (an API token, a job) is refused with 403.
 */
export function requireSession(actor: Actor): SessionActor {
  if (!actor.sessionId || viaApiToken(actor)) throw Forbidden(SESSION_ONLY_MESSAGE);
  return actor as SessionActor;
}
