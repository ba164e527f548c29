'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { isAppError } from '@/lib/errors';
import { completeAccountClosure } from '@/lib/people/close-account';
import { signInPath } from '../../_components/require-actor';

/** A moderator closes an account whose owner asked for it; back to the queue either way. */
export async function completeClosureAction(form: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/admin/closures'));
  try {
    await completeAccountClosure(actor, { userId: String(form.get('userId') ?? '') });
  } catch (error) {
    if (isAppError(error)) redirect(`/admin/closures?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect('/admin/closures?done=closed');
}
