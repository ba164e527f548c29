import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as readRoute } from '@/app/api/v1/threads/[id]/read/route';
import { threadHref, toThreadRows } from '@/app/channels/[slug]/thread-rows';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { deletePost } from '@/lib/forum/edit-post';
import { getThread } from '@/lib/forum/get-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { unreadNotificationCount } from '@/lib/forum/notifications';
import { markThreadRead } from '@/lib/forum/read-state';
import { setWatch } from '@/lib/forum/watches';
import { hidePost } from '@/lib/moderation/hide-post';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, db, makeChannel, makeUser, randomId, rowCounts, schema, useTestDatabase } from './harness';

/**
 * The read position follows what the reader has seen: POST /threads/{id}/read with `{ "seen": N }` (N posts
 * from the start, tombstones included) moves it forward to N, clamped to the thread's posts, and clears only
 * the notifications of those N posts; no body still means "all of it". The channel list then offers the
 * first unread post (`firstUnread`, a position the thread page scrolls to).
 */
useTestDatabase();

let starter: Actor;
let poster: Actor;
let reader: SignedIn;
let readerActor: Actor;
let slug: string;

beforeAll(async () => {
  starter = actorFor(await makeUser({ name: 'Sally Starter' }));
  poster = actorFor(await makeUser({ name: 'Percy Poster' }));
  const user = await makeUser({ name: 'Rita Reader' });
  reader = await signedIn(user);
  readerActor = actorFor(user);
  slug = (await makeChannel()).slug;
});

/** A thread of `replies + 1` posts; the reader watches it, so each reply notifies them. Post ids in thread order. */
async function watchedThread(replies: number) {
  const thread = await createThread(starter, slug, { title: `Read position ${randomId().slice(0, 8)}`, body: 'Opening post' });
  await setWatch(readerActor, { type: 'thread', id: thread.id }, { level: 'watching' });
  const postIds = [thread.postId];
  for (let i = 1; i <= replies; i++) postIds.push((await createPost(poster, thread.id, { body: `Reply ${i}` })).id);
  return { id: thread.id, postIds };
}

async function postRead(threadId: string, body?: string) {
  const res = await readRoute(apiRequest(reader, 'POST', `/api/v1/threads/${threadId}/read`, body === undefined ? {} : { body }), {
    params: Promise.resolve({ id: threadId }),
  });
  return { status: res.status, json: (await res.json()) as { readPostCount?: number; error?: { code: string; message: string; fields?: Record<string, string[]> } } };
}

/** The post ids of the reader's notifications about this thread that are still unread, in thread order. */
async function unreadPostIds(threadId: string, postIds: string[]) {
  const rows = await db()
    .select({ postId: schema.notifications.postId, readAt: schema.notifications.readAt })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, readerActor.id), eq(schema.notifications.threadId, threadId)));
  const unread = new Set(rows.filter((r) => r.readAt === null).map((r) => r.postId));
  return postIds.filter((id) => unread.has(id));
}

async function readPostCount(threadId: string) {
  const [row] = await db()
    .select({ n: schema.threadReads.readPostCount })
    .from(schema.threadReads)
    .where(and(eq(schema.threadReads.userId, readerActor.id), eq(schema.threadReads.threadId, threadId)));
  return row?.n ?? null;
}

describe('POST /threads/{id}/read with { seen }', () => {
  it('a partial read moves the position to N and clears only the notifications of the first N posts', async () => {
    const t = await watchedThread(5); // posts 1..6; replies 2..6 notified the reader
    expect(await unreadPostIds(t.id, t.postIds)).toEqual(t.postIds.slice(1));
    const res = await postRead(t.id, JSON.stringify({ seen: 3 }));
    expect(res).toMatchObject({ status: 200, json: { readPostCount: 3 } });
    expect(await readPostCount(t.id)).toBe(3);
    expect(await unreadPostIds(t.id, t.postIds)).toEqual(t.postIds.slice(3));
    const row = (await listThreads(readerActor, slug)).threads.find((x) => x.id === t.id)!;
    expect(row.newPosts).toBe(3);
  });

  it('never moves backwards', async () => {
    const t = await watchedThread(5);
    await postRead(t.id, JSON.stringify({ seen: 4 }));
    const res = await postRead(t.id, JSON.stringify({ seen: 2 }));
    expect(res).toMatchObject({ status: 200, json: { readPostCount: 4 } });
    expect(await readPostCount(t.id)).toBe(4);
    expect(await unreadPostIds(t.id, t.postIds)).toEqual(t.postIds.slice(4));
  });

  it('clamps N to the thread’s posts', async () => {
    const t = await watchedThread(3);
    const res = await postRead(t.id, JSON.stringify({ seen: 1_000_000 }));
    expect(res).toMatchObject({ status: 200, json: { readPostCount: 4 } });
    expect(await readPostCount(t.id)).toBe(4);
    expect(await unreadPostIds(t.id, t.postIds)).toEqual([]);
    // A reply after that is new: the position was stored as 4, not as the million asked for.
    await createPost(poster, t.id, { body: 'Later' });
    expect((await listThreads(readerActor, slug)).threads.find((x) => x.id === t.id)!.newPosts).toBe(1);
  });

  it('with no body (or an empty object) reads everything, as before', async () => {
    const t = await watchedThread(3);
    expect(await postRead(t.id)).toMatchObject({ status: 200, json: { readPostCount: 4 } });
    expect(await unreadPostIds(t.id, t.postIds)).toEqual([]);
    const u = await watchedThread(2);
    expect(await postRead(u.id, '{}')).toMatchObject({ status: 200, json: { readPostCount: 3 } });
    expect(await unreadPostIds(u.id, u.postIds)).toEqual([]);
    // The use case called without input (server code, older callers) means the same.
    const v = await watchedThread(2);
    expect(await markThreadRead(readerActor, v.id)).toMatchObject({ readPostCount: 3 });
  });

  it('refuses a bad body with a 400 naming `seen`, writing nothing', async () => {
    const t = await watchedThread(3);
    await postRead(t.id, JSON.stringify({ seen: 1 }));
    const notificationsBefore = await db().select().from(schema.notifications).where(eq(schema.notifications.threadId, t.id)).orderBy(asc(schema.notifications.id));
    const readsBefore = await db().select().from(schema.threadReads).where(eq(schema.threadReads.threadId, t.id));
    const fresh = await watchedThread(1); // never read: a refused call must not start tracking it either
    const freshCounts = await rowCounts();
    for (const id of [t.id, fresh.id]) {
      for (const [raw, field] of [
        ['{"seen":-1}', 'seen'],
        ['{"seen":0}', 'seen'],
        ['{"seen":"x"}', 'seen'],
        ['{"seen":"3"}', 'seen'],
        ['{"seen":2.5}', 'seen'],
        ['{"seen":null}', 'seen'],
        ['{"seen":1e400}', 'seen'],
        ['{"seen":[3]}', 'seen'],
        ['{"seen":2,"upTo":5}', '_'],
        ['[]', '_'],
        ['3', '_'],
        ['"seen"', '_'],
      ]) {
        const res = await postRead(id, raw);
        expect(res.status, raw).toBe(400);
        expect(res.json.error?.code, raw).toBe('invalid');
        expect(Object.keys(res.json.error?.fields ?? {}), raw).toEqual([field]);
      }
      // Not JSON at all.
      for (const raw of ['{"seen": 3', 'seen=3']) {
        const res = await postRead(id, raw);
        expect(res.status, raw).toBe(400);
      }
    }
    expect(await rowCounts()).toEqual(freshCounts);
    expect(await db().select().from(schema.notifications).where(eq(schema.notifications.threadId, t.id)).orderBy(asc(schema.notifications.id))).toEqual(notificationsBefore);
    expect(await db().select().from(schema.threadReads).where(eq(schema.threadReads.threadId, t.id))).toEqual(readsBefore);
    expect(await readPostCount(fresh.id)).toBeNull();
  });

  it('answers 404 for an unknown thread (or a malformed id), writing nothing', async () => {
    const before = await rowCounts();
    for (const id of [randomId(), 'not-a-thread']) {
      for (const body of [undefined, JSON.stringify({ seen: 1 })]) {
        const res = await postRead(id, body);
        expect(res.status, `${id} ${body}`).toBe(404);
        expect(res.json.error?.code).toBe('not_found');
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('counts deleted and hidden posts as the thread page shows them (tombstones), so N means the same on both sides', async () => {
    const t = await watchedThread(4); // posts 1..5
    const mod = actorFor(await makeUser({ role: 'moderator' }));
    await deletePost(poster, t.postIds[1]);
    await hidePost(mod, t.postIds[2], { reason: 'Off topic' });
    const page = await getThread(readerActor, t.id);
    const [thread] = await db().select({ postCount: schema.threads.postCount }).from(schema.threads).where(eq(schema.threads.id, t.id));
    expect(page.posts.map((p) => p.id)).toEqual(t.postIds);
    expect(thread.postCount).toBe(page.posts.length);
    // Seeing the 4th article on the page clears the notification of exactly that post and those before it.
    await postRead(t.id, JSON.stringify({ seen: 4 }));
    expect(await unreadPostIds(t.id, t.postIds)).toEqual([t.postIds[4]]);
    expect(await unreadNotificationCount(readerActor)).toBeGreaterThanOrEqual(1);
  });
});

describe('the channel list’s first unread post', () => {
  it('gives the position of the first post not yet seen, which the thread page shows at that place', async () => {
    const t = await watchedThread(5);
    const row = async () => (await listThreads(readerActor, slug)).threads.find((x) => x.id === t.id)!;
    // Never opened: the thread starts at the top.
    expect(await row()).toMatchObject({ unread: true, firstUnread: null });
    expect(threadHref(toThreadRows([await row()])[0])).toBe(`/threads/${t.id}`);

    await postRead(t.id, JSON.stringify({ seen: 2 }));
    expect(await row()).toMatchObject({ newPosts: 4, firstUnread: 3 });
    const [shown] = toThreadRows([await row()]);
    expect(threadHref(shown)).toBe(`/threads/${t.id}?from=3`);
    expect((await getThread(readerActor, t.id)).posts[3 - 1].id).toBe(t.postIds[2]);

    await postRead(t.id, JSON.stringify({ seen: 6 }));
    expect(await row()).toMatchObject({ newPosts: 0, firstUnread: null });
    expect(threadHref(toThreadRows([await row()])[0])).toBe(`/threads/${t.id}`);
    await createPost(poster, t.id, { body: 'One more' });
    expect(await row()).toMatchObject({ newPosts: 1, firstUnread: 7 });
  });

  it('is the same through the API, for the reader only', async () => {
    const t = await watchedThread(2);
    await postRead(t.id, JSON.stringify({ seen: 1 }));
    const other = actorFor(await makeUser());
    expect((await listThreads(other, slug)).threads.find((x) => x.id === t.id)).toMatchObject({ firstUnread: null });
    const { GET } = await import('@/app/api/v1/channels/[slug]/threads/route');
    const res = await GET(apiRequest(reader, 'GET', `/api/v1/channels/${slug}/threads?limit=100`), { params: Promise.resolve({ slug }) });
    const body = (await res.json()) as { threads: { id: string; firstUnread: number | null }[] };
    expect(body.threads.find((x) => x.id === t.id)).toMatchObject({ firstUnread: 2 });
  });
});
