'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { getChannelBySlug } from '@/lib/forum/channels';
import { createThread } from '@/lib/forum/create-thread';
import { setWatch } from '@/lib/forum/watches';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';
import type { WatchLevel, WatchState } from '../../_components/watch-levels';

/**
 * The channel travels in a hidden field rather than a client-side `startThread.bind(slug)`: a bind made
 * while rendering is a new pending promise each render, and the server render after a no-JavaScript
 * submission that fails validation would wait on it for ever.
 */
export async function startThread(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const { slug = '', ...values } = formValues(form);
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/channels/${encodeURIComponent(slug)}`));
  let threadId = '';
  const state = await runAction(async () => {
    ({ id: threadId } = await createThread(actor, slug, { title: values.title ?? '', body: values.body ?? '' }));
  }, values);
  if (state.ok && threadId) redirect(`/threads/${threadId}`);
  return state;
}

/** Watching / tracking / normal / muted for the whole channel. */
export async function watchChannel(slug: string, _prev: WatchState | undefined, form: FormData): Promise<WatchState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/channels/${encodeURIComponent(slug)}`));
  let level: WatchLevel | undefined;
  const state = await runAction(async () => {
    const channel = await getChannelBySlug(actor, slug);
    ({ level } = await setWatch(actor, { type: 'channel', id: channel.id }, { level: form.get('level') }));
  });
  return state.ok ? { ok: true, level } : state;
}
