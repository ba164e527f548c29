'use server';
import { redirect } from 'next/navigation';
import { pauseSending, resumeSending } from '@/lib/alerts/sending-controls';
import { getActor } from '@/lib/auth/request-actor';
import { signInPath } from '../../_components/require-actor';

/** Pause or resume all sending: a plain form post, then back to the outbox. */
export async function setSendingPausedAction(form: FormData) {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/admin/sms'));
  if (form.get('paused') === 'true') await pauseSending(actor);
  else await resumeSending(actor);
  redirect(`/admin/sms?${form.get('paused') === 'true' ? 'paused=1' : 'resumed=1'}`);
}
