'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

export type CreatedToken = { name: string; token: string; expiresAt: string; scope: 'read' | 'read_write' };
export type CreateTokenState = FormState & { created?: CreatedToken };

async function signedInActor() {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/api-tokens'));
  return actor;
}

/** The new token comes back in this one response only; the list re-renders with it (without the secret). */
export async function createTokenAction(_prev: CreateTokenState | undefined, form: FormData): Promise<CreateTokenState> {
  const actor = await signedInActor();
  const values = formValues(form);
  let created: CreatedToken | undefined;
  const state = await runAction(async () => {
    const t = await createApiToken(actor, { name: values.name ?? '', scope: values.scope, expiresInDays: values.expiresInDays || undefined });
    created = { name: t.name, token: t.token, expiresAt: t.expiresAt, scope: t.scope };
  }, values);
  if (!state.ok) return state;
  revalidatePath('/account/api-tokens');
  return { ok: true, created };
}

export async function revokeTokenAction(tokenId: string): Promise<void> {
  const actor = await signedInActor();
  await revokeApiToken(actor, tokenId);
  redirect('/account/api-tokens?done=revoked');
}
