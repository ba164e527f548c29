import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';

export type ApiTokenScope = 'read' | 'read_write';

/** An actor that came in with `Authorization: Bearer`: the token's id and scope travel with it. */
export type TokenActor = Actor & { apiToken?: { id: string; scope: ApiTokenScope } };

export function viaApiToken(actor: Actor): boolean {
  return Boolean((actor as TokenActor).apiToken);
}

/** Managing tokens needs a signed-in session: a leaked token must not mint or list others. */
export function assertSession(actor: Actor) {
  if (viaApiToken(actor)) throw Forbidden('API tokens cannot be managed with an API token. Sign in to do this.');
}
