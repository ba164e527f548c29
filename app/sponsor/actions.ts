'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { respondAsSponsor } from '@/lib/vetting/sponsor-requests';
import { signInPath } from '../_components/require-actor';

export async function respondAsSponsorAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/sponsor'));
  const values = formValues(form);
  const state = await runAction(async () => {
    await respondAsSponsor(actor, values.id ?? '', { decision: values.decision, note: values.note ?? '' });
  }, values);
  if (state.ok) redirect(`/sponsor?answered=${values.decision === 'vouch' ? 'vouched' : 'declined'}`);
  return state;
}
