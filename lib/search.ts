import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { mayReadChannels, maySeeHiddenPosts, roomVisibleTo } from '@/lib/policy';
import { newestMatchingPostsSql } from '@/lib/search-candidates';
import { parseInput } from '@/lib/validation';
import { escapeHtml } from '@/lib/ui/escape-html';
import { ukDayStart } from '@/db/uk-day';

export const searchInput = z.object({
  q: z.string().trim().min(2, { message: 'Enter at least 2 characters' }).max(200, { message: 'Search for 200 characters or fewer' }),
  channel: z.string().trim().max(100).optional(),
  author: z.string().trim().max(320).optional(),
  from: z.iso.date({ message: 'Use a date like 2026-01-31' }).optional(),
  to: z.iso.date({ message: 'Use a date like 2026-01-31' }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export type SearchResult = {
  kind: 'post' | 'room_post';
  id: string;
  title: string;
  href: string;
  snippetHtml: string;
  authorName: string;
  createdAt: Date;
  channelName: string | null;
  tlp: string | null;
  reference: string | null;
};

/** How many of the newest matching posts are ranked; older ones are reached with the date filters. */
const CANDIDATES = 200;
const START = '\u0002';
const STOP = '\u0003';
const headlineOptions = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Full-text search over public posts and the incident rooms the searcher is a current member of —
 * nothing else is counted, ranked or returned. Access is part of the WHERE. Snippets are plain text,
 * HTML-escaped, with only our own <mark> added.
 */
/** Anonymous room posts are signed by organisation type and region, as on the room page; never by name. */
const anonymousAuthorSql = sql.raw(`case ao.type
  when 'acute_trust' then 'an acute trust' when 'ambulance_trust' then 'an ambulance trust'
  when 'mental_health_trust' then 'a mental health trust' when 'icb' then 'an integrated care board'
  when 'csu' then 'a commissioning support unit' else 'an organisation' end
  || case when btrim(ao.region) = '' then '' else ' in ' || btrim(ao.region) end`);

export async function search(actor: Actor, raw: unknown): Promise<{ query: string; results: SearchResult[] }> {
  const input = parseInput(searchInput, raw);
  if (!mayReadChannels(actor)) return { query: input.q, results: [] };
  // One transaction: choosing the candidates sets its planner costs (lib/search-candidates.ts).
  const rows = await getDb().transaction((tx) => rankedMatches(tx, actor, input));
  return {
    query: input.q,
    results: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      href: r.href,
      snippetHtml: highlight(r.snippet),
      authorName: r.author_name,
      createdAt: new Date(r.created_at),
      channelName: r.channel_name,
      tlp: r.tlp,
      reference: r.reference,
    })),
  };
}


type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** The best `input.limit` matches the actor may read, with their snippets: one transaction's statements. */
async function rankedMatches(tx: Tx, actor: Actor, input: z.infer<typeof searchInput>) {
  const query = sql`websearch_to_tsquery('english', ${input.q})`;
  // Posts a moderator hid are found only by staff.
  const visible = (alias: string) => (maySeeHiddenPosts(actor) ? sql`` : sql.raw(`and ${alias}.hidden_at is null`));
  const filters = (created: SQL, author: SQL) => sql.join(
    [
      input.from ? sql`and ${created} >= ${ukDayStart(input.from)}` : sql``,
      input.to ? sql`and ${created} < ${ukDayStart(input.to, 1)}` : sql``,
      input.author ? sql`and ${author} in (select id from ${schema.users} where username = ${input.author.toLowerCase().replace(/^@/, '')} or email = ${input.author.toLowerCase()})` : sql``,
    ],
    sql` `,
  );
  const channelJoin = (threadId: SQL) =>
    input.channel
      ? sql`join ${schema.threads} ct on ct.id = ${threadId} join ${schema.channels} cc on cc.id = ct.channel_id and cc.slug = ${input.channel}`
      : sql``;
  // Only the newest CANDIDATES matching posts are ranked (lib/search-candidates.ts finds them without reading
  // every match), so a query costs about the same at 100,000 matches as at 10.
  const bodyHits = await newestMatchingPostsSql(tx, input.q, CANDIDATES, (p) => sql`
    ${channelJoin(sql.raw(`${p}.thread_id`))}
    where ${sql.raw(p)}.search_vector @@ ${query} and ${sql.raw(p)}.deleted_at is null ${visible(p)}
      ${filters(sql.raw(`${p}.created_at`), sql.raw(`${p}.author_id`))}`);
  const publicPosts = sql`
    select 'post' as kind, p.id, t.title, '/threads/' || t.id || '#post-' || p.id as href, p.body_text as text,
           u.name as author_name, p.created_at, c.name as channel_name, null::text as tlp, null::text as reference,
           ts_rank(p.search_vector, ${query}) + case when t.search_vector @@ ${query} then 0.5 else 0 end as rank
    from (
      select id from (${bodyHits}) body_hits
      union
      -- a thread whose title matches is found through its first post
      -- (matching threads sorted first, so the first-post look-up stops after CANDIDATES of them)
      select id from (
        select fp.id from (
          select tt.id, tt.last_post_at from ${schema.threads} tt
          ${channelJoin(sql`tt.id`)}
          where tt.search_vector @@ ${query}
          order by tt.last_post_at desc
        ) tt
        join lateral (select * from ${schema.posts} f where f.thread_id = tt.id order by f.created_at, f.id limit 1) fp on true
        where fp.deleted_at is null ${visible('fp')}
          ${filters(sql`fp.created_at`, sql`fp.author_id`)}
        order by tt.last_post_at desc
        limit ${CANDIDATES}
      ) title_hits
    ) hits
    join ${schema.posts} p on p.id = hits.id
    join ${schema.threads} t on t.id = p.thread_id
    join ${schema.channels} c on c.id = t.channel_id
    join ${schema.users} u on u.id = p.author_id`;
  const roomPosts = sql`
    select 'room_post' as kind, rp.id, ${schema.incidentRooms.title} as title, '/incidents/' || ${schema.incidentRooms.id} || '#post-' || rp.id as href,
           rp.body_text as text,
           case when rp.anonymous then ${anonymousAuthorSql} else u.name end as author_name, rp.created_at, null::text as channel_name, rp.tlp::text as tlp,
           ${schema.incidentRooms.reference} as reference, ts_rank(rp.search_vector, ${query}) as rank
    from ${schema.roomPosts} rp
    join ${schema.incidentRooms} on ${schema.incidentRooms.id} = rp.room_id
    join ${schema.users} u on u.id = rp.author_id
    join ${schema.organisations} ao on ao.id = u.organisation_id
    where rp.search_vector @@ ${query} and ${roomVisibleTo(actor)}
      ${input.author ? sql`and not rp.anonymous` : sql``}
      ${filters(sql`rp.created_at`, sql`rp.author_id`)}`;
  const union = input.channel ? publicPosts : sql`${publicPosts} union all ${roomPosts}`;
  return tx.execute<{
    kind: 'post' | 'room_post';
    id: string;
    title: string;
    href: string;
    snippet: string;
    author_name: string;
    created_at: string;
    channel_name: string | null;
    tlp: string | null;
    reference: string | null;
  }>(sql`
    select kind, id, title, href, ts_headline('english', text, ${query}, ${headlineOptions}) as snippet,
           author_name, created_at, channel_name, tlp, reference
    from (${union} order by rank desc, created_at desc limit ${input.limit}) hits
    order by rank desc, created_at desc`);
}

function highlight(snippet: string) {
  return escapeHtml(snippet.replaceAll(START, '\u0000s').replaceAll(STOP, '\u0000e'))
    .replaceAll('\u0000s', '<mark>')
    .replaceAll('\u0000e', '</mark>');
}
