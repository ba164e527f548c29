'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { createThread } from '@/lib/forum/create-thread';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

export async function startThread(slug: string, _prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/channels/${encodeURIComponent(slug)}`));
  const values = formValues(form);
  let threadId = '';
  const state = await runAction(async () => {
    ({ id: threadId } = await createThread(actor, slug, { title: values.title ?? '', body: values.body ?? '' }));
  }, values);
  if (state.ok && threadId) redirect(`/threads/${threadId}`);
  return state;
}
