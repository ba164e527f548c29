'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { createPost } from '@/lib/forum/create-post';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

export type ReplyState = FormState & { postId?: string };

export async function reply(threadId: string, _prev: ReplyState | undefined, form: FormData): Promise<ReplyState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/threads/${encodeURIComponent(threadId)}`));
  const values = formValues(form);
  let postId: string | undefined;
  const state = await runAction(async () => {
    ({ id: postId } = await createPost(actor, threadId, { body: values.body ?? '' }));
  }, values);
  // On success the textarea starts empty again; on failure it keeps what was typed.
  return state.ok ? { ok: true, postId } : state;
}
