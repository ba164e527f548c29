import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { lockPublicPost } from '@/lib/forum/lock-post';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { mayModerate } from '@/lib/policy';
import { emitPostUpdated } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';
import { moderationReason, restorePostInput } from './hide-post';
import { recordStaffAction } from './staff-log';

/**
 * Redacting an earlier version of a post: restricted detail (AMBER intelligence, a password, a phone number)
 * pasted into a public post and then edited out would otherwise stay readable in its revision history.
 *
 * Like hiding a post, redaction KEEPS the stored text: everyone but staff (maySeeHiddenPosts) sees
 * "Removed by a moderator" in its place, staff can still read it for the audit trail, and a moderator can
 * restore it. Nothing else reads earlier versions: search indexes only a post's current text, quotes and the
 * personal data export copy only the current text, and notifications carry ids only.
 * The current version cannot be redacted this way (edit or hide the post instead).
 */
export const REDACTED_REVISION_TEXT = 'Removed by a moderator';
/** What readers get instead of a redacted version's HTML. */
export const REDACTED_REVISION_HTML = `<p>${REDACTED_REVISION_TEXT}</p>`;

/** A version number: a whole number from 1, as a number or as the digits of a URL segment or form field. */
export const revisionNumber = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v),
  z.number({ message: 'Choose a version by its number' }).int({ message: 'Choose a version by its number' }).min(1, { message: 'Choose a version by its number' }).max(999_999_999, { message: 'Choose a version by its number' }),
);

export const redactRevisionInput = z.object({ revision: revisionNumber, reason: moderationReason });
export const restoreRevisionInput = restorePostInput.extend({ revision: revisionNumber });
/** The request bodies of the API (the version is in the URL). */
export const redactRevisionBody = redactRevisionInput.omit({ revision: true });
export const restoreRevisionBody = restorePostInput;

/** The post (locked) and one of its earlier versions (locked), or the reason there is none to act on. */
async function lockEarlierRevision(tx: Tx, postId: string, revision: number) {
  const { post, thread } = await lockPublicPost(tx, postId);
  if (post.deletedAt) throw Conflict('This post has been deleted.');
  if (revision === post.revision) throw Conflict('This is the current version of the post. To remove its text, hide the post; only earlier versions can be removed from the history.');
  if (revision > post.revision) throw NotFound();
  const [row] = await tx
    .select()
    .from(schema.postRevisions)
    .where(and(eq(schema.postRevisions.postId, postId), eq(schema.postRevisions.revision, revision)))
    .for('update')
    .limit(1);
  if (!row) throw NotFound();
  return { post, thread, row };
}

/** Moderators and admins: one earlier version's text is replaced for readers by "Removed by a moderator". */
export async function redactRevision(actor: Actor, postId: string, raw: unknown) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can remove a version of a post.');
  const { revision, reason } = parseInput(redactRevisionInput, raw);
  const where = await getDb().transaction(async (tx) => {
    const { post, thread, row } = await lockEarlierRevision(tx, postId, revision);
    if (row.redactedAt) throw Conflict('This version has already been removed.');
    await tx
      .update(schema.postRevisions)
      .set({ redactedAt: new Date(), redactedById: actor.id, redactedReason: reason })
      .where(and(eq(schema.postRevisions.id, row.id), isNull(schema.postRevisions.redactedAt)));
    const detail = { threadId: post.threadId, revision };
    await recordAudit(tx, { actorId: actor.id, action: 'post.revision_redact', subjectType: 'post', subjectId: postId, ip: actor.ip, detail });
    await recordStaffAction(tx, { actorId: actor.id, action: 'post.revision_redact', targetType: 'post', targetId: postId, targetUserId: post.authorId, reason, detail });
    return { threadId: post.threadId, channelId: thread.channelId };
  });
  emitPostUpdated(where.channelId, where.threadId, postId);
  return { id: postId, revision, redacted: true };
}

/** Moderators and admins: a removed version is shown to readers again. */
export async function restoreRevision(actor: Actor, postId: string, raw: unknown) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can restore a version of a post.');
  const { revision, reason } = parseInput(restoreRevisionInput, raw);
  const where = await getDb().transaction(async (tx) => {
    const { post, thread, row } = await lockEarlierRevision(tx, postId, revision);
    if (!row.redactedAt) throw Conflict('This version has not been removed.');
    await tx
      .update(schema.postRevisions)
      .set({ redactedAt: null, redactedById: null, redactedReason: null })
      .where(and(eq(schema.postRevisions.id, row.id), isNotNull(schema.postRevisions.redactedAt)));
    const detail = { threadId: post.threadId, revision };
    await recordAudit(tx, { actorId: actor.id, action: 'post.revision_restore', subjectType: 'post', subjectId: postId, ip: actor.ip, detail });
    await recordStaffAction(tx, { actorId: actor.id, action: 'post.revision_restore', targetType: 'post', targetId: postId, targetUserId: post.authorId, reason, detail });
    return { threadId: post.threadId, channelId: thread.channelId };
  });
  emitPostUpdated(where.channelId, where.threadId, postId);
  return { id: postId, revision, redacted: false };
}

/**
 * The API's input: the version from the URL and the reason from the JSON body (a `revision` in the body never
 * overrides the URL). A body that is not a JSON object is passed on as it is, so validation refuses it (400).
 */
export function revisionActionInput(body: unknown, revision: string): unknown {
  if (body === undefined) return { revision };
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return { ...(body as Record<string, unknown>), revision };
}
