'use server';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { archiveRoom, changeRoomSeverity, changeRoomStatus } from '@/lib/incidents/room-lifecycle';

/** The room id comes from the page but is untrusted: each use case checks membership and role. */
export async function changeStatusAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await changeRoomStatus(actor, roomId, { status: values.status });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function changeSeverityAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await changeRoomSeverity(actor, roomId, { severity: values.severity });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function archiveRoomAction(roomId: string, _prev: FormState): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const state = await runAction(async () => {
    await archiveRoom(actor, roomId);
  });
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}
