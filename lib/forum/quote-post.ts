import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayReadChannels, maySeeHiddenPosts } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';

/**
 * Markdown that quotes a public post, for the reply box. Only public-forum posts can be quoted here:
 * incident-room posts live in another table that this query cannot reach.
 */
export async function quotePost(actor: Actor, postId: string) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(postId).success) throw NotFound();
  const [row] = await getDb()
    .select({ post: schema.posts, authorName: schema.users.name })
    .from(schema.posts)
    .innerJoin(schema.users, eq(schema.users.id, schema.posts.authorId))
    .where(eq(schema.posts.id, postId))
    .limit(1);
  if (!row || row.post.deletedAt || (row.post.hiddenAt && !maySeeHiddenPosts(actor))) throw NotFound();
  const quoted = row.post.bodyMarkdown
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return { postId, threadId: row.post.threadId, markdown: `> **${row.authorName.replace(/[*_[\]]/g, '')}** [wrote](/threads/${row.post.threadId}#post-${postId}):\n${quoted}\n\n` };
}
