'use server';
import { redirect } from 'next/navigation';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { enterRoomAsStaff } from '@/lib/incidents/room-audit';

/** An admin enters a room with a reason; on success they go to it as an observer. */
export async function enterRoomAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor('/admin/rooms');
  const values = formValues(form);
  const state = await runAction(async () => {
    await enterRoomAsStaff(actor, roomId, { reason: values.reason ?? '' });
  }, values);
  if (state.ok) redirect(`/incidents/${roomId}`);
  return state;
}
