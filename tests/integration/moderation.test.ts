import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, isNull } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as meRoute } from '@/app/api/v1/me/route';
import { POST as hideRoute } from '@/app/api/v1/moderation/posts/[id]/hide/route';
import { POST as suspendRoute } from '@/app/api/v1/moderation/users/[id]/suspend/route';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { getThread } from '@/lib/forum/get-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { createChannel, updateChannel } from '@/lib/forum/manage-channels';
import { setThreadFlags } from '@/lib/forum/moderate-thread';
import { listNotifications, unreadNotificationCount } from '@/lib/forum/notifications';
import { quotePost } from '@/lib/forum/quote-post';
import { markThreadRead } from '@/lib/forum/read-state';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { hidePost, restorePost } from '@/lib/moderation/hide-post';
import { liftExpiredSanctions } from '@/lib/moderation/lift-expired-sanctions';
import { moveThread } from '@/lib/moderation/move-thread';
import { liftSilence, silenceUser } from '@/lib/moderation/silence-user';
import { liftSuspension, suspendUser } from '@/lib/moderation/suspend-user';
import { sessionFromToken, sessionTokenFromCookieHeader } from '@/lib/auth/actor';
import { deletePost, editPost } from '@/lib/forum/edit-post';
import { setIo } from '@/lib/realtime/emit';
import { attachRealtime } from '@/lib/realtime/server';
import { search } from '@/lib/search';
import { apiRequest, signedIn } from './api-fuzz-session';
import { actorFor, db, errorOf, makeChannel, makeUser, randomId, rawSql, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/** Post moderation, thread moves, silences and suspensions — and that each is enforced everywhere. */
useTestDatabase();

let alice: Actor;
let bob: Actor;
let mod: Actor;
let admin: Actor;
let modUser: TestUser;
let slug: string;
let server: http.Server;
let baseUrl: string;
const sockets: Socket[] = [];

const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const params = <P>(p: P) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  alice = actorFor(await makeUser({ name: 'Alice Archer' }));
  await db().update(schema.users).set({ username: 'alice' }).where(eq(schema.users.id, alice.id));
  bob = actorFor(await makeUser({ name: 'Bob Baker' }));
  modUser = await makeUser({ role: 'moderator', name: 'Morgan Moderator' });
  mod = actorFor(modUser);
  admin = actorFor(await makeUser({ role: 'admin' }));
  slug = (await makeChannel()).slug;
  server = http.createServer();
  setIo(attachRealtime(server));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  setIo(undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A real socket.io client signed in with the person's session cookie. */
async function socketFor(cookie: string): Promise<Socket> {
  const socket = connect(baseUrl, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

function nextEvent(socket: Socket, name: string): Promise<unknown> {
  return new Promise((resolve) => socket.once(name, resolve));
}

describe('hiding and restoring posts', () => {
  it('readers see "hidden", staff still see the text; search, quotes, revisions and notifications leave it out until restored', async () => {
    const t = await createThread(bob, slug, { title: 'Quokkaflare thread', body: 'opening' });
    const { id: postId } = await createPost(bob, t.id, { body: 'quokkaflare indicators for @alice' });
    expect((await listNotifications(alice)).notifications.map((n) => n.postId)).toContain(postId);
    const unreadBefore = await unreadNotificationCount(alice);

    await hidePost(mod, postId, { reason: 'Shares unverified indicators' });

    const forMember = (await getThread(alice, t.id)).posts.find((p) => p.id === postId)!;
    expect(forMember.hiddenAt).not.toBeNull();
    expect(forMember.bodyHtml).toBe('');
    expect(forMember.hiddenReason).toBeNull();
    const forAuthor = (await getThread(bob, t.id)).posts.find((p) => p.id === postId)!;
    expect(forAuthor.bodyHtml).toBe('');
    const forMod = (await getThread(mod, t.id)).posts.find((p) => p.id === postId)!;
    expect(forMod.bodyHtml).toContain('quokkaflare');
    expect(forMod.hiddenReason).toBe('Shares unverified indicators');

    expect((await search(alice, { q: 'quokkaflare indicators' })).results.map((r) => r.id)).not.toContain(postId);
    expect((await search(mod, { q: 'quokkaflare indicators' })).results.map((r) => r.id)).toContain(postId);
    expect((await errorOf(() => quotePost(alice, postId))).status).toBe(404);
    expect((await errorOf(() => editPost(bob, postId, { body: 'sneaky edit' }))).message).toBe('A moderator has hidden this post, so it cannot be edited.');
    expect((await listNotifications(alice)).notifications.map((n) => n.postId)).not.toContain(postId);
    expect(await unreadNotificationCount(alice)).toBe(unreadBefore - 1);

    await restorePost(mod, postId, { reason: 'Indicators verified' });
    expect((await getThread(alice, t.id)).posts.find((p) => p.id === postId)!.bodyHtml).toContain('quokkaflare');
    expect((await search(alice, { q: 'quokkaflare indicators' })).results.map((r) => r.id)).toContain(postId);
    expect(await unreadNotificationCount(alice)).toBe(unreadBefore);
    const log = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetId, postId));
    expect(log.map((l) => [l.action, l.reason])).toEqual([
      ['post.hide', 'Shares unverified indicators'],
      ['post.restore', 'Indicators verified'],
    ]);
  });

  it('a hidden opening post takes its thread out of title search for members', async () => {
    const t = await createThread(bob, slug, { title: 'Wombatglow advisory', body: 'first post' });
    const [first] = (await getThread(mod, t.id)).posts;
    await hidePost(mod, first.id, { reason: 'Misleading' });
    expect((await search(alice, { q: 'wombatglow' })).results).toHaveLength(0);
    expect((await search(mod, { q: 'wombatglow' })).results.map((r) => r.id)).toContain(first.id);
  });

  it('refuses members, bad input and double hides, writing nothing', async () => {
    const t = await createThread(bob, slug, { title: 'x', body: 'y' });
    const [post] = (await getThread(mod, t.id)).posts;
    const before = await rowCounts();
    expect((await errorOf(() => hidePost(alice, post.id, { reason: 'members cannot' }))).status).toBe(403);
    expect((await errorOf(() => hidePost(mod, post.id, {}))).fields).toHaveProperty('reason');
    expect((await errorOf(() => hidePost(mod, randomId(), { reason: 'missing' }))).status).toBe(404);
    expect((await errorOf(() => restorePost(mod, post.id))).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    await hidePost(mod, post.id, { reason: 'first time' });
    expect((await errorOf(() => hidePost(mod, post.id, { reason: 'second time' }))).status).toBe(409);
  });

  it('open thread views hear post:updated (ids only) when a post is hidden through the API', async () => {
    const t = await createThread(bob, slug, { title: 'Live hide', body: 'watch me go' });
    const [post] = (await getThread(mod, t.id)).posts;
    const reader = await socketFor((await signedIn(await makeUser())).cookie);
    await new Promise((resolve) => reader.emit('subscribe', { type: 'thread', id: t.id }, resolve));
    const heard = nextEvent(reader, 'post:updated');
    const res = await hideRoute(
      apiRequest(await signedIn(modUser), 'POST', `/api/v1/moderation/posts/${post.id}/hide`, { body: JSON.stringify({ reason: 'Spam' }) }),
      params({ id: post.id }),
    );
    expect(res.status).toBe(200);
    expect(await heard).toEqual({ threadId: t.id, postId: post.id });
  });
});

describe('notifications follow their post', () => {
  it('a hidden or deleted post leaves the list, the unread count and the page header, and the reader is told live', async () => {
    const readerUser = await makeUser({ name: 'Rita Reader' });
    await db().update(schema.users).set({ username: `rita${randomId().slice(0, 6)}` }).where(eq(schema.users.id, readerUser.id));
    const [{ username }] = await db().select({ username: schema.users.username }).from(schema.users).where(eq(schema.users.id, readerUser.id));
    const reader = actorFor(readerUser);
    const session = await signedIn(readerUser);
    const socket = await socketFor(session.cookie);
    const header = async () => (await sessionFromToken(sessionTokenFromCookieHeader(session.cookie), undefined, { withHeader: true }))?.header?.unread;
    const t = await createThread(bob, slug, { title: 'Mentions that go away', body: 'first' });
    const hidden = await createPost(bob, t.id, { body: `@${username} see this` });
    const deleted = await createPost(alice, t.id, { body: `and this, @${username}` });
    expect([await unreadNotificationCount(reader), await header()]).toEqual([2, 2]);

    let told = nextEvent(socket, 'notifications:changed');
    await hidePost(mod, hidden.id, { reason: 'Off topic' });
    await told;
    told = nextEvent(socket, 'notifications:changed');
    await deletePost(alice, deleted.id);
    await told;
    expect([await unreadNotificationCount(reader), await header()]).toEqual([0, 0]);
    expect((await listNotifications(reader)).notifications).toEqual([]);

    told = nextEvent(socket, 'notifications:changed');
    await restorePost(mod, hidden.id, { reason: 'On reflection, fine' });
    await told;
    expect([await unreadNotificationCount(reader), await header()]).toEqual([1, 1]);
    expect((await listNotifications(reader)).notifications.map((n) => n.postId)).toEqual([hidden.id]);
  });
});

describe('locking and moving threads', () => {
  it('lock and unlock go in the staff log', async () => {
    const t = await createThread(bob, slug, { title: 'Lock me', body: 'b' });
    await setThreadFlags(mod, t.id, { locked: true });
    await setThreadFlags(mod, t.id, { locked: false });
    const log = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetId, t.id));
    expect(log.map((l) => l.action)).toEqual(['thread.lock', 'thread.unlock']);
  });

  it('moves a thread: it leaves one channel, joins the other, and counts, unread and search stay right', async () => {
    const from = await makeChannel();
    const to = await makeChannel();
    const t = await createThread(bob, from.slug, { title: 'Platypusbeam migration', body: 'first' });
    await markThreadRead(alice, t.id);
    await createPost(bob, t.id, { body: 'second' });
    await createPost(bob, t.id, { body: 'third' });
    const beforeRow = (await listThreads(alice, from.slug)).threads.find((x) => x.id === t.id)!;
    expect(beforeRow).toMatchObject({ replyCount: 2, newPosts: 2 });

    const moved = await moveThread(mod, t.id, { channel: to.slug, reason: 'Belongs with the migration threads' });
    expect(moved.channel.slug).toBe(to.slug);
    expect((await listThreads(alice, from.slug)).threads.map((x) => x.id)).not.toContain(t.id);
    const afterRow = (await listThreads(alice, to.slug)).threads.find((x) => x.id === t.id)!;
    expect(afterRow).toMatchObject({ replyCount: 2, newPosts: 2 });
    expect((await getThread(alice, t.id)).channel.slug).toBe(to.slug);
    expect((await search(alice, { q: 'platypusbeam', channel: to.slug })).results).toHaveLength(1);
    expect((await search(alice, { q: 'platypusbeam', channel: from.slug })).results).toHaveLength(0);
    const [logged] = await db().select().from(schema.staffActions).where(and(eq(schema.staffActions.targetId, t.id), eq(schema.staffActions.action, 'thread.move')));
    expect(logged).toMatchObject({ actorId: mod.id, reason: 'Belongs with the migration threads', detail: { fromChannelId: from.id, toChannelId: to.id } });
  });

  it('refuses members, unknown, archived and same channels, writing nothing', async () => {
    const home = await makeChannel();
    const archived = await makeChannel({ archived: true });
    const t = await createThread(bob, home.slug, { title: 'Stay', body: 'b' });
    const before = await rowCounts();
    expect((await errorOf(() => moveThread(alice, t.id, { channel: archived.slug }))).status).toBe(403);
    expect((await errorOf(() => moveThread(mod, t.id, { channel: 'no-such-channel' }))).fields).toHaveProperty('channel');
    expect((await errorOf(() => moveThread(mod, t.id, { channel: archived.slug }))).status).toBe(409);
    expect((await errorOf(() => moveThread(mod, t.id, { channel: home.slug }))).status).toBe(409);
    expect((await errorOf(() => moveThread(mod, t.id, {}))).status).toBe(400);
    expect((await errorOf(() => moveThread(mod, randomId(), { channel: home.slug }))).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('archiving a channel', () => {
  it('stops replies and edits with a message that says why, tells open channel pages, and goes in the staff log', async () => {
    const channel = await createChannel(mod, { slug: `old-news-${randomId().slice(0, 8)}`, name: 'Old news' });
    const t = await createThread(bob, channel.slug, { title: 'Before the archive', body: 'first' });
    const reader = await socketFor((await signedIn(await makeUser())).cookie);
    await new Promise((resolve) => reader.emit('subscribe', { type: 'channel', slug: channel.slug }, resolve));
    const heard = nextEvent(reader, 'channel:updated');
    await updateChannel(mod, channel.slug, { archived: true });
    expect(await heard).toEqual({ channelId: channel.id });

    const before = await rowCounts();
    const reply = await errorOf(() => createPost(alice, t.id, { body: 'too late' }));
    expect(reply).toMatchObject({ status: 409, message: 'This channel is archived: its threads take no replies or edits.' });
    const edit = await errorOf(() => editPost(bob, t.postId, { body: 'first, edited' }));
    expect(edit).toMatchObject({ status: 409, message: 'This channel is archived: its threads take no replies or edits.' });
    expect(await rowCounts()).toEqual(before);
    expect((await getThread(bob, t.id)).canReply).toBe(false);

    await updateChannel(mod, channel.slug, { archived: false });
    await editPost(bob, t.postId, { body: 'first, edited' });
    await updateChannel(mod, channel.slug, { description: 'Kept for reference' });
    const log = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetId, channel.id)).orderBy(schema.staffActions.createdAt);
    expect(log.map((l) => [l.action, l.actorId])).toEqual([
      ['channel.create', mod.id],
      ['channel.archive', mod.id],
      ['channel.restore', mod.id],
      ['channel.update', mod.id],
    ]);
    expect(log[3].detail).toMatchObject({ slug: channel.slug, description: 'Kept for reference' });
  });
});

describe('silencing', () => {
  it('a silenced member gets a clear 403 saying until when on every write path, writes nothing, and posts again after expiry', async () => {
    const quiet = actorFor(await makeUser({ role: 'incident_lead', name: 'Quinn Quiet' }));
    const t = await createThread(quiet, slug, { title: 'Before the silence', body: 'my post' });
    const [own] = (await getThread(quiet, t.id)).posts;
    const room = await createRoom(quiet, { title: 'Quiet room', severity: 'low', tlp: 'AMBER', summary: 's', publicHeadline: 'h', invite: { organisations: [], users: [] } });

    await silenceUser(mod, quiet.id, { until: inFuture(7), reason: 'Repeated off-topic posting' });
    const before = await rowCounts();
    const attempts = [
      () => createThread(quiet, slug, { title: 'New', body: 'b' }),
      () => createPost(quiet, t.id, { body: 'reply' }),
      () => editPost(quiet, own.id, { body: 'edited' }),
      () => createRoomPost(quiet, room.id, { body: 'room post', tlp: 'AMBER' }),
    ];
    for (const attempt of attempts) {
      const error = await errorOf(attempt);
      expect(error.status).toBe(403);
      expect(error.message).toMatch(/silenced by a moderator and cannot post until \d{1,2} \w+ \d{4}/);
    }
    expect(await rowCounts()).toEqual(before);
    // They still read.
    expect((await getThread(quiet, t.id)).posts).toHaveLength(1);

    // The end date passes (moved into the past rather than waiting): writing works at once, before the job runs.
    await rawSql()`update users set silenced_until = now() - interval '1 minute' where id = ${quiet.id}`;
    await createPost(quiet, t.id, { body: 'back again' });
    await createRoomPost(quiet, room.id, { body: 'room post', tlp: 'AMBER' });
    const lifted = await liftExpiredSanctions();
    expect(lifted.unsilenced).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, quiet.id));
    expect(row.silencedUntil).toBeNull();
    expect(row.silenceReason).toBeNull();
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.subjectId, quiet.id), eq(schema.auditEvents.action, 'user.silence_expired')));
    expect(audit).toHaveLength(1);
    // Idempotent: a second run finds nothing to do.
    const countsBefore = await rowCounts();
    expect(await liftExpiredSanctions()).toEqual({ unsilenced: 0, unsuspended: 0 });
    expect(await rowCounts()).toEqual(countsBefore);
  });

  it('can be lifted by a moderator; bad input is refused with field errors and nothing written', async () => {
    const target = actorFor(await makeUser());
    const before = await rowCounts();
    expect((await errorOf(() => silenceUser(mod, target.id, { reason: 'no end date' }))).fields).toHaveProperty('until');
    expect((await errorOf(() => silenceUser(mod, target.id, { until: '2020-01-01', reason: 'in the past' }))).fields).toEqual({ until: ['The end date must be in the future'] });
    expect((await errorOf(() => silenceUser(mod, target.id, { until: 'next tuesday', reason: 'nonsense' }))).fields).toHaveProperty('until');
    expect((await errorOf(() => silenceUser(mod, target.id, { until: inFuture(3) }))).fields).toHaveProperty('reason');
    expect((await errorOf(() => silenceUser(alice, target.id, { until: inFuture(3), reason: 'members cannot' }))).status).toBe(403);
    expect((await errorOf(() => liftSilence(mod, target.id))).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    await silenceUser(mod, target.id, { until: inFuture(3), reason: 'Cooling off' });
    await liftSilence(mod, target.id, { reason: 'Apologised' });
    await createThread(target, slug, { title: 'Free to post', body: 'yes' });
  });
});

describe('suspending', () => {
  it('signs the person out everywhere at once: sessions, open sockets, API tokens', async () => {
    const user = await makeUser({ name: 'Sam Suspended' });
    const sessionA = await signedIn(user);
    const sessionB = await signedIn(user);
    const { token } = await createApiToken({ ...actorFor(user), sessionId: sessionA.sessionId }, { name: 'CI', scope: 'read' });
    const socket = await socketFor(sessionA.cookie);
    const dropped = nextEvent(socket, 'disconnect');
    const bearer = () => meRoute(apiRequest(null, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } }), params({}));
    expect((await meRoute(apiRequest(sessionA, 'GET', '/api/v1/me'), params({}))).status).toBe(200);
    expect((await bearer()).status).toBe(200);

    const res = await suspendRoute(
      apiRequest(await signedIn(modUser), 'POST', `/api/v1/moderation/users/${user.id}/suspend`, { body: JSON.stringify({ reason: 'Leaked TLP:AMBER material' }) }),
      params({ id: user.id }),
    );
    expect(res.status).toBe(200);
    await dropped;
    expect(socket.connected).toBe(false);
    for (const s of [sessionA, sessionB]) expect((await meRoute(apiRequest(s, 'GET', '/api/v1/me'), params({}))).status).toBe(401);
    expect((await bearer()).status).toBe(401);
    const open = await db().select().from(schema.userSessions).where(and(eq(schema.userSessions.userId, user.id), isNull(schema.userSessions.revokedAt)));
    expect(open).toHaveLength(0);
    // A new socket is refused at the handshake.
    await expect(socketFor(sessionA.cookie)).rejects.toThrow(/unauthenticated/);

    await liftSuspension(mod, user.id, { reason: 'Investigation closed' });
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row).toMatchObject({ status: 'active', suspensionReason: null });
    // Old sessions stay ended (they were revoked); the token works again for its owner.
    expect((await meRoute(apiRequest(sessionA, 'GET', '/api/v1/me'), params({}))).status).toBe(401);
    expect((await bearer()).status).toBe(200);
  });

  it('an API token does not open a live connection (sockets take the session cookie only)', async () => {
    const owner = await makeUser();
    const { token } = await createApiToken({ ...actorFor(owner), sessionId: (await signedIn(owner)).sessionId }, { name: 'Socket try', scope: 'read_write' });
    const socket = connect(baseUrl, { transports: ['websocket'], extraHeaders: { authorization: `Bearer ${token}` }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const refused = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(refused.message).toBe('unauthenticated');
  });

  it('an end date lifts the suspension automatically (audited)', async () => {
    const user = actorFor(await makeUser());
    await suspendUser(mod, user.id, { reason: 'Two-week suspension', until: inFuture(14) });
    expect((await liftExpiredSanctions()).unsuspended).toBe(0);
    await rawSql()`update users set suspended_until = now() - interval '1 minute' where id = ${user.id}`;
    expect((await liftExpiredSanctions()).unsuspended).toBe(1);
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row).toMatchObject({ status: 'active', suspendedUntil: null });
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.subjectId, user.id), eq(schema.auditEvents.action, 'user.suspension_expired')));
    expect(audit).toHaveLength(1);
  });

  it('moderators cannot act on admins, nobody on themselves; admins may act on moderators', async () => {
    const otherMod = actorFor(await makeUser({ role: 'moderator' }));
    const before = await rowCounts();
    const onAdmin = await errorOf(() => suspendUser(mod, admin.id, { reason: 'trying it on' }));
    expect(onAdmin).toMatchObject({ status: 403, message: 'Moderators cannot act on admins.' });
    expect((await errorOf(() => silenceUser(mod, admin.id, { until: inFuture(1), reason: 'trying it on' }))).status).toBe(403);
    expect((await errorOf(() => suspendUser(mod, mod.id, { reason: 'myself' }))).message).toBe('You cannot act on your own account.');
    expect((await errorOf(() => suspendUser(admin, admin.id, { reason: 'myself' }))).status).toBe(403);
    expect((await errorOf(() => suspendUser(mod, otherMod.id, {}))).fields).toHaveProperty('reason');
    expect((await errorOf(() => suspendUser(mod, otherMod.id, { reason: 'bad date', until: '2001-01-01' }))).fields).toHaveProperty('until');
    expect((await errorOf(() => suspendUser(mod, randomId(), { reason: 'nobody' }))).status).toBe(404);
    expect((await errorOf(() => liftSuspension(mod, otherMod.id))).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    await suspendUser(admin, otherMod.id, { reason: 'Abused moderator tools' });
    const log = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetUserId, otherMod.id));
    expect(log.map((l) => [l.action, l.actorId, l.reason])).toEqual([['user.suspend', admin.id, 'Abused moderator tools']]);
  });
});
