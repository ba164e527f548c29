'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { resolveReports } from '@/lib/moderation/resolve-reports';
import { signInPath } from '../../_components/require-actor';

/** A moderator's decision on one reported post: hide, delete or dismiss, with a reason. */
export async function resolveReportsAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/admin/reports'));
  const values = formValues(form);
  const postId = values.postId ?? '';
  let action = '';
  const state = await runAction(async () => {
    ({ action } = await resolveReports(actor, postId, { action: values.action, reason: values.reason ?? '' }));
  }, values);
  if (state.ok) redirect(`/admin/reports?done=${encodeURIComponent(action)}`);
  return state;
}
