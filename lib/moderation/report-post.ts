import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { mayReadChannels, maySeeHiddenPosts } from '@/lib/policy';
import { parseInput, uuidParam } from '@/lib/validation';

export const reportPostInput = z.object({
  postId: z.uuid({ message: 'Not a valid post id' }),
  reason: z
    .string({ message: 'Say why you are reporting this post' })
    .trim()
    .min(3, { message: 'Say why you are reporting this post' })
    .max(1000, { message: 'Reason must be 1,000 characters or fewer' }),
});

/**
 * A member reports a public post to the moderators. One open report per person per post: a second
 * while the first is open is a 409; after a moderator resolved it, reporting again reopens it.
 */
export async function reportPost(actor: Actor, raw: unknown) {
  const input = parseInput(reportPostInput, raw);
  if (!mayReadChannels(actor) || !uuidParam.safeParse(input.postId).success) throw NotFound();
  const report = await getDb().transaction(async (tx) => {
    const [post] = await tx
      .select({ id: schema.posts.id, authorId: schema.posts.authorId, deletedAt: schema.posts.deletedAt, hiddenAt: schema.posts.hiddenAt })
      .from(schema.posts)
      .where(eq(schema.posts.id, input.postId))
      .limit(1);
    if (!post || (post.hiddenAt && !maySeeHiddenPosts(actor))) throw NotFound();
    if (post.deletedAt) throw Conflict('This post has been deleted.');
    if (post.authorId === actor.id) throw Forbidden('You cannot report your own post.');
    const [row] = await tx
      .insert(schema.postReports)
      .values({ postId: post.id, reporterId: actor.id, reason: input.reason })
      .onConflictDoUpdate({
        target: [schema.postReports.postId, schema.postReports.reporterId],
        set: { reason: input.reason, status: 'open', resolvedById: null, resolvedAt: null, resolution: null, createdAt: sql`now()` },
        setWhere: sql`${schema.postReports.status} <> 'open'`,
      })
      .returning({ id: schema.postReports.id });
    if (!row) throw Conflict('You have already reported this post. A moderator will review it.');
    await recordAudit(tx, { actorId: actor.id, action: 'post.report', subjectType: 'post', subjectId: post.id, ip: actor.ip, detail: { reportId: row.id } });
    return row;
  });
  return { id: report.id, postId: input.postId, status: 'open' as const };
}
