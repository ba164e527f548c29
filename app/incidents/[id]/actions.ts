'use server';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { createRoomPost } from '@/lib/incidents/create-room-post';

/** Posts to a room. The room id comes from the page but is untrusted: the use case checks membership. */
export async function postToRoomAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  return runAction(async () => {
    await createRoomPost(actor, roomId, {
      body: values.body ?? '',
      tlp: values.tlp,
      anonymous: values.anonymous === 'on',
      kind: values.statusUpdate === 'on' ? 'status_update' : 'message',
    });
  }, values);
}
