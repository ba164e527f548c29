import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { mayModerate } from '@/lib/policy';
import { parseInput } from '@/lib/validation';

export const reportQueueInput = z.object({
  status: z.enum(['open', 'resolved', 'all'], { message: 'Choose open, resolved or all' }).default('open'),
  limit: z.coerce.number({ message: 'Limit must be a number' }).int().min(1).max(100).default(50),
});

export type ReportedPost = {
  postId: string;
  threadId: string;
  threadTitle: string;
  authorId: string;
  authorName: string;
  excerpt: string;
  postState: 'visible' | 'hidden' | 'deleted';
  openReports: number;
  reporters: number;
  firstReportedAt: string;
  reports: { reporterName: string; reason: string; status: 'open' | 'actioned' | 'dismissed'; createdAt: string; resolution: string | null }[];
};

/**
 * The review queue: one row per reported post — posts with open reports first (oldest first, so nothing
 * waits for ever), then resolved ones, newest first. Each row has an excerpt, the thread and every reason.
 */
export async function listReportQueue(actor: Actor, raw: unknown = {}): Promise<{ posts: ReportedPost[] }> {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can review reports.');
  const input = parseInput(reportQueueInput, raw ?? {});
  const having =
    input.status === 'open'
      ? sql`having count(*) filter (where r.status = 'open') > 0`
      : input.status === 'resolved'
        ? sql`having count(*) filter (where r.status = 'open') = 0`
        : sql``;
  const rows = await getDb().execute<{
    post_id: string;
    thread_id: string;
    thread_title: string;
    author_id: string;
    author_name: string;
    excerpt: string;
    hidden_at: string | null;
    deleted_at: string | null;
    open_reports: number;
    reporters: number;
    first_reported_at: string;
    last_reported_at: string;
    reports: ReportedPost['reports'];
  }>(sql`
    select p.id as post_id, t.id as thread_id, t.title as thread_title, a.id as author_id, a.name as author_name,
           left(p.body_text, 280) as excerpt, p.hidden_at, p.deleted_at,
           (count(*) filter (where r.status = 'open'))::int as open_reports,
           count(distinct r.reporter_id)::int as reporters,
           min(r.created_at) as first_reported_at, max(r.created_at) as last_reported_at,
           json_agg(json_build_object('reporterName', ru.name, 'reason', r.reason, 'status', r.status,
                                      'createdAt', r.created_at, 'resolution', r.resolution) order by r.created_at) as reports
    from ${schema.postReports} r
    join ${schema.posts} p on p.id = r.post_id
    join ${schema.threads} t on t.id = p.thread_id
    join ${schema.users} a on a.id = p.author_id
    join ${schema.users} ru on ru.id = r.reporter_id
    group by p.id, t.id, a.id
    ${having}
    order by (count(*) filter (where r.status = 'open') > 0) desc,
             case when count(*) filter (where r.status = 'open') > 0 then min(r.created_at) end asc,
             max(r.created_at) desc, p.id
    limit ${input.limit}`);
  return {
    posts: rows.map((r) => ({
      postId: r.post_id,
      threadId: r.thread_id,
      threadTitle: r.thread_title,
      authorId: r.author_id,
      authorName: r.author_name,
      excerpt: r.excerpt,
      postState: r.deleted_at ? 'deleted' : r.hidden_at ? 'hidden' : 'visible',
      openReports: r.open_reports,
      reporters: r.reporters,
      firstReportedAt: new Date(r.first_reported_at).toISOString(),
      reports: r.reports,
    })),
  };
}
