'use server';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { changeMemberRole, removeMember } from '@/lib/incidents/room-membership';

/** Room and member ids come from the page but are untrusted: the use cases check membership and role. */
export async function changeRoleAction(roomId: string, userId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await changeMemberRole(actor, roomId, userId, { role: values.role });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function removeMemberAction(roomId: string, userId: string, _prev: FormState): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const state = await runAction(async () => {
    await removeMember(actor, roomId, userId);
  });
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}
