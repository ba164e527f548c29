import type { Actor } from './actor';
import { Forbidden } from '@/lib/errors';

/** Two-step verification belongs to a browser sign-in session; an actor without one (an API token) may not manage it. */
export type MfaSubject = Actor & { sessionId: string };

export function requireSession(actor: Actor): MfaSubject {
  if (!actor.sessionId) throw Forbidden('Sign in with a browser to manage your sign-in security.');
  return actor as MfaSubject;
}
