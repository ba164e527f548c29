import type { Actor } from '@/lib/auth/actor';

export type ApiTokenScope = 'read' | 'read_write';

/** An actor that came in with `Authorization: Bearer`: the token's id and scope travel with it. */
export type TokenActor = Actor & { apiToken?: { id: string; scope: ApiTokenScope } };

export function viaApiToken(actor: Actor): boolean {
  return Boolean((actor as TokenActor).apiToken);
}
