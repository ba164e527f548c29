'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { createPost } from '@/lib/forum/create-post';
import { deletePost, editPost } from '@/lib/forum/edit-post';
import { setThreadFlags } from '@/lib/forum/moderate-thread';
import { hidePost, restorePost } from '@/lib/moderation/hide-post';
import { moveThread } from '@/lib/moderation/move-thread';
import { reportPost } from '@/lib/moderation/report-post';
import { setWatch } from '@/lib/forum/watches';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';
import type { WatchLevel, WatchState } from '../../_components/watch-levels';

export type ReplyState = FormState & { postId?: string };
export type PostActionState = FormState & { done?: number };
export type FlagsState = FormState & { pinned?: boolean; locked?: boolean; message?: string };

/*
 * Which thread or post an action is about travels in hidden form fields, not in a client-side
 * `action.bind(...)`: a bind made while rendering creates a new pending promise on each render, so the
 * server render after a no-JavaScript submission suspends for ever. The ids are untrusted either way;
 * the use cases check access.
 */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

async function actorFor(threadId: string) {
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/threads/${encodeURIComponent(threadId)}`));
  return actor;
}

export async function reply(_prev: ReplyState | undefined, form: FormData): Promise<ReplyState> {
  const threadId = field(form, 'threadId');
  const actor = await actorFor(threadId);
  const values = formValues(form);
  delete values.threadId;
  let postId: string | undefined;
  const state = await runAction(async () => {
    ({ id: postId } = await createPost(actor, threadId, { body: values.body ?? '', replyToPostId: values.replyToPostId || undefined }));
  }, values);
  // On success the textarea starts empty again; on failure it keeps what was typed.
  return state.ok ? { ok: true, postId } : state;
}

/** The author edits their post; the use case keeps the previous version as a revision. */
export async function editPostAction(_prev: PostActionState | undefined, form: FormData): Promise<PostActionState> {
  const [threadId, postId] = [field(form, 'threadId'), field(form, 'postId')];
  const actor = await actorFor(threadId);
  const values = { body: field(form, 'body') };
  const state = await runAction(async () => {
    await editPost(actor, postId, { body: values.body ?? '' });
  }, values);
  return state.ok ? { ok: true, done: Date.now() } : state;
}

/** The author, or a moderator, deletes a post: it becomes a tombstone. */
export async function deletePostAction(_prev: PostActionState | undefined, form: FormData): Promise<PostActionState> {
  const [threadId, postId] = [field(form, 'threadId'), field(form, 'postId')];
  const actor = await actorFor(threadId);
  const state = await runAction(async () => {
    await deletePost(actor, postId);
  });
  return state.ok ? { ok: true, done: Date.now() } : state;
}

/** Moderators: the pressed button says which flag and which way (`pin`, `unpin`, `lock`, `unlock`). */
export async function setFlagsAction(_prev: FlagsState | undefined, form: FormData): Promise<FlagsState> {
  const threadId = field(form, 'threadId');
  const actor = await actorFor(threadId);
  const change = String(form.get('change') ?? '');
  const flags: Record<string, { pinned?: boolean; locked?: boolean; message: string }> = {
    pin: { pinned: true, message: 'Thread pinned to the top of its channel.' },
    unpin: { pinned: false, message: 'Thread unpinned.' },
    lock: { locked: true, message: 'Thread locked. It takes no new replies.' },
    unlock: { locked: false, message: 'Thread unlocked. It takes replies again.' },
  };
  const wanted = flags[change];
  if (!wanted) return { error: 'Choose pin, unpin, lock or unlock.' };
  const { message, ...input } = wanted;
  let result: { pinned: boolean; locked: boolean } | undefined;
  const state = await runAction(async () => {
    result = await setThreadFlags(actor, threadId, input);
  });
  return state.ok && result ? { ok: true, pinned: result.pinned, locked: result.locked, message } : state;
}

export async function watchThread(threadId: string, _prev: WatchState | undefined, form: FormData): Promise<WatchState> {
  const actor = await actorFor(threadId);
  let level: WatchLevel | undefined;
  const state = await runAction(async () => {
    ({ level } = await setWatch(actor, { type: 'thread', id: threadId }, { level: form.get('level') }));
  });
  return state.ok ? { ok: true, level } : state;
}

/** Any member reports someone else's post to the moderators, with a reason. */
export async function reportPostAction(_prev: PostActionState | undefined, form: FormData): Promise<PostActionState> {
  const [threadId, postId] = [field(form, 'threadId'), field(form, 'postId')];
  const actor = await actorFor(threadId);
  const values = { reason: field(form, 'reason') };
  const state = await runAction(async () => {
    await reportPost(actor, { postId, reason: values.reason });
  }, values);
  return state.ok ? { ok: true, done: Date.now() } : state;
}

/** Moderators hide a post (with a reason) or restore a hidden one; the pressed button says which. */
export async function hidePostAction(_prev: PostActionState | undefined, form: FormData): Promise<PostActionState> {
  const [threadId, postId] = [field(form, 'threadId'), field(form, 'postId')];
  const actor = await actorFor(threadId);
  const values = { reason: field(form, 'reason') };
  const state = await runAction(async () => {
    if (field(form, 'change') === 'restore') await restorePost(actor, postId, { reason: values.reason });
    else await hidePost(actor, postId, { reason: values.reason });
  }, values);
  return state.ok ? { ok: true, done: Date.now() } : state;
}

/** Moderators move the thread to another channel; the page reloads showing its new place. */
export async function moveThreadAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const threadId = field(form, 'threadId');
  const actor = await actorFor(threadId);
  const values = { channel: field(form, 'channel'), reason: field(form, 'reason') };
  const state = await runAction(async () => {
    await moveThread(actor, threadId, values);
  }, values);
  if (state.ok) redirect(`/threads/${encodeURIComponent(threadId)}?moved=1`);
  return state;
}
