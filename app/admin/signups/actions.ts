'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { approveSignup, rejectSignup } from '@/lib/vetting/review-signups';
import { signInPath } from '../../_components/require-actor';

async function staffActor() {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/admin/signups'));
  return actor;
}

export async function decideSignupAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor();
  const values = formValues(form);
  const approve = values.decision === 'approve';
  const state = await runAction(async () => {
    if (approve) await approveSignup(actor, values.id ?? '', { note: values.note ?? '' });
    else await rejectSignup(actor, values.id ?? '', { reason: values.reason ?? '' });
  }, values);
  if (state.ok) redirect(`/admin/signups?done=${approve ? 'approved' : 'rejected'}`);
  return state;
}
