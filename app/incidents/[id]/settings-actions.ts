'use server';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { publishBulletin } from '@/lib/incidents/bulletins';
import { changeRoomSettings } from '@/lib/incidents/change-room-settings';
import { changeRoomTlp } from '@/lib/incidents/change-room-tlp';

/** The room id comes from the page but is untrusted: each use case checks membership and role. */
export async function changeTlpAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await changeRoomTlp(actor, roomId, { tlp: values.tlp });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function changeSettingsAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await changeRoomSettings(actor, roomId, { updateIntervalMinutes: values.updateIntervalMinutes, escalationMinutes: values.escalationMinutes });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function publishBulletinAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await publishBulletin(actor, roomId, { headline: values.headline, body: values.body ?? '', textEveryone: values.textEveryone === 'yes' });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}
