'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { liftSilence, silenceUser } from '@/lib/moderation/silence-user';
import { liftSuspension, suspendUser } from '@/lib/moderation/suspend-user';
import { signInPath } from '../../_components/require-actor';

async function staffActor(userId: string) {
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/admin/moderation/${encodeURIComponent(userId)}`));
  return actor;
}

const back = (userId: string, done: string) => `/admin/moderation/${encodeURIComponent(userId)}?done=${done}`;

export async function silenceAction(userId: string, _prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor(userId);
  const values = formValues(form);
  const state = await runAction(() => silenceUser(actor, userId, { until: values.until ?? '', reason: values.reason ?? '' }).then(() => undefined), values);
  if (state.ok) redirect(back(userId, 'silenced'));
  return state;
}

export async function suspendAction(userId: string, _prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor(userId);
  const values = formValues(form);
  const until = (values.until ?? '').trim();
  const state = await runAction(() => suspendUser(actor, userId, { reason: values.reason ?? '', ...(until ? { until } : {}) }).then(() => undefined), values);
  if (state.ok) redirect(back(userId, 'suspended'));
  return state;
}

/** The pressed button says which to lift: `silence` or `suspension`. */
export async function liftAction(userId: string, _prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor(userId);
  const values = formValues(form);
  const what = values.lift;
  const state = await runAction(async () => {
    if (what === 'suspension') await liftSuspension(actor, userId, { reason: values.reason ?? '' });
    else await liftSilence(actor, userId, { reason: values.reason ?? '' });
  }, values);
  if (state.ok) redirect(back(userId, what === 'suspension' ? 'unsuspended' : 'unsilenced'));
  return state;
}
