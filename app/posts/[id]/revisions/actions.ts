'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { runAction, type FormState } from '@/lib/http/action';
import { redactRevision, restoreRevision } from '@/lib/moderation/redact-revision';
import { signInPath } from '../../../_components/require-actor';

/*
 * The post, the version and what to do travel in hidden fields and the pressed button (no `action.bind`, see
 * app/threads/[id]/actions.ts), so the form works without JavaScript. They are untrusted: the use cases
 * check who may act and validate everything.
 */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Moderators remove an earlier version (`change=redact`, reason required) or show it again (`change=restore`). */
export async function revisionModerationAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const [postId, revision, change] = [field(form, 'postId'), field(form, 'revision'), field(form, 'change')];
  const page = `/posts/${encodeURIComponent(postId)}/revisions`;
  const actor = await getActor();
  if (!actor) redirect(signInPath(page));
  const values = { reason: field(form, 'reason') };
  const state = await runAction(async () => {
    if (change === 'restore') await restoreRevision(actor, postId, { revision, reason: values.reason });
    else await redactRevision(actor, postId, { revision, reason: values.reason });
  }, values);
  if (state.ok) redirect(`${page}?done=${change === 'restore' ? 'restored' : 'removed'}&version=${encodeURIComponent(revision)}`);
  return state;
}
