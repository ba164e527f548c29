'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { runAction, type FormState } from '@/lib/http/action';
import { requestAccountClosure } from '@/lib/people/close-account';
import { signInPath } from '../../_components/require-actor';

/** Asks for the account to be closed, after checking the password; a moderator completes it. */
export async function requestClosureAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/close'));
  return runAction(async () => {
    await requestAccountClosure(actor, { password: String(form.get('password') ?? '') });
  });
}
