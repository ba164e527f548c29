import { beforeAll, describe, expect, it } from 'vitest';
import { GET as notificationsRoute } from '@/app/api/v1/notifications/route';
import { GET as threadsRoute } from '@/app/api/v1/channels/[slug]/threads/route';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { listNotifications } from '@/lib/forum/notifications';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, db, errorOf, makeChannel, makeUser, rawSql, schema, type TestUser, useTestDatabase } from './harness';

/**
 * Keyset pages must not lose rows whose timestamps differ only in microseconds. PostgreSQL keeps
 * microseconds; a JS Date keeps milliseconds, so a cursor built from one used to skip every row in
 * the same millisecond as the page's last row but a few microseconds older.
 */
useTestDatabase();

let aliceUser: TestUser;
let alice: Actor;
let bob: Actor;
let aliceSession: SignedIn;

/** All in one millisecond (…10:00:00.123), differing only in microseconds. */
const SAME_MS = '2026-03-02T10:00:00.123';
const at = (micros: number) => `${SAME_MS}${String(micros).padStart(3, '0')}Z`;
/** Offsets in microseconds within the millisecond; 400 twice, so the id breaks that tie. */
const OFFSETS = [100, 200, 300, 400, 400, 500, 600, 999];

/** Newest first, ties by id descending (uuid order is the order of its lowercase hex text). */
const expectedOrder = (rows: { id: string; micros: number }[]) =>
  [...rows].sort((a, b) => b.micros - a.micros || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((r) => r.id);

beforeAll(async () => {
  aliceUser = await makeUser({ name: 'Alice Archer' });
  alice = actorFor(aliceUser);
  bob = actorFor(await makeUser({ name: 'Bob Baker' }));
  aliceSession = await signedIn(aliceUser);
});

describe('channel thread pages with last posts microseconds apart', () => {
  let slug: string;
  let expected: string[];

  beforeAll(async () => {
    const channel = await makeChannel();
    slug = channel.slug;
    const rows: { id: string; micros: number }[] = [];
    for (const [n, micros] of OFFSETS.entries()) {
      const { id } = await createThread(alice, slug, { title: `Same millisecond ${n}`, body: `body ${n}` });
      await rawSql()`update threads set last_post_at = ${at(micros)}::timestamptz where id = ${id}`;
      rows.push({ id, micros });
    }
    // A pinned thread, older than the rest, still comes first.
    const pinned = await createThread(alice, slug, { title: 'Pinned', body: 'pinned' });
    await rawSql()`update threads set pinned = true, last_post_at = '2026-01-01T00:00:00Z' where id = ${pinned.id}`;
    expected = [pinned.id, ...expectedOrder(rows)];
  });

  it.each([1, 2, 3])('pages of %i list every thread exactly once, in order', async (limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await listThreads(bob, slug, { limit, cursor });
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);
  });

  it('the API pages the same way, and answers a malformed cursor with a 400 naming the cursor', async () => {
    const get = (query: string) => threadsRoute(apiRequest(aliceSession, 'GET', `/api/v1/channels/${slug}/threads?${query}`), { params: Promise.resolve({ slug }) });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const res = await get(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { threads: { id: string }[]; nextCursor: string | null };
      seen.push(...body.threads.map((t) => t.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);

    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = expected[1];
    for (const bad of [
      'garbage',
      forged({ p: false, t: 'yesterday', i: id }),
      forged({ p: false, t: '2026-02-30T10:00:00.000000Z', i: id }),
      forged({ p: false, t: '0000-01-01T00:00:00.000000Z', i: id }),
      forged({ p: false, t: at(400), i: 'not-a-uuid' }),
    ]) {
      const res = await get(`cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid', fields: { cursor: ['Not a valid page cursor'] } } });
    }
  });
});

describe('notification pages with notifications microseconds apart', () => {
  let expected: string[];

  beforeAll(async () => {
    const channel = await makeChannel();
    const thread = await createThread(bob, channel.slug, { title: 'Replies for Alice', body: 'first' });
    const rows: { id: string; micros: number }[] = [];
    for (const micros of OFFSETS) {
      const post = await createPost(bob, thread.id, { body: `reply at ${micros}` });
      const [n] = await db()
        .insert(schema.notifications)
        .values({ userId: alice.id, kind: 'reply', threadId: thread.id, postId: post.id, actorId: bob.id })
        .returning({ id: schema.notifications.id });
      await rawSql()`update notifications set created_at = ${at(micros)}::timestamptz where id = ${n.id}`;
      rows.push({ id: n.id, micros });
    }
    expected = expectedOrder(rows);
  });

  it.each([1, 2, 3])('pages of %i list every notification exactly once, in order', async (limit) => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await listNotifications(alice, { limit, before });
      seen.push(...page.notifications.map((n) => n.id));
      before = page.nextCursor ?? undefined;
      if (!before) break;
    }
    expect(seen).toEqual(expected);
  });

  it('the API pages the same way, and answers a malformed cursor with a 400 naming it', async () => {
    const get = (query: string) => notificationsRoute(apiRequest(aliceSession, 'GET', `/api/v1/notifications?${query}`), { params: Promise.resolve({}) });
    const seen: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const res = await get(`limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { notifications: { id: string }[]; nextCursor: string | null };
      seen.push(...body.notifications.map((n) => n.id));
      before = body.nextCursor;
      if (!before) break;
    }
    expect(seen).toEqual(expected);

    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of ['garbage', forged({ t: '2026-13-01T00:00:00Z', i: expected[0] }), forged({ t: at(400) })]) {
      const res = await get(`before=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid', fields: { before: ['Not a valid page cursor'] } } });
    }
    expect((await errorOf(() => listNotifications(alice, { before: 'garbage' }))).code).toBe('invalid');
  });

  it('still takes a plain date-time as `before`, as API clients sent before cursors: everything strictly older', async () => {
    const { notifications } = await listNotifications(alice, { before: at(400), limit: 100 });
    const older = notifications.map((n) => n.id);
    expect(older).toHaveLength(3);
    expect(older).toEqual(expected.slice(-3));
  });
});
