'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { revokeMyOtherSessions, revokeMySession } from '@/lib/auth/revoke-session';
import { runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

export type RevokeState = FormState;

export async function revokeSessionAction(_prev: RevokeState | undefined, form: FormData): Promise<RevokeState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/sessions'));
  let current = false;
  const state = await runAction(async () => {
    current = (await revokeMySession(actor, String(form.get('sessionId') ?? ''))).current;
  });
  if (state.ok) redirect(current ? '/sign-in' : '/account/sessions?done=one');
  return state;
}

export async function revokeOthersAction(_prev: RevokeState | undefined): Promise<RevokeState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/sessions'));
  let n = 0;
  const state = await runAction(async () => {
    n = (await revokeMyOtherSessions(actor)).revoked;
  });
  if (state.ok) redirect(`/account/sessions?done=others&n=${n}`);
  return state;
}
