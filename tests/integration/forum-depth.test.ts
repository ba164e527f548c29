import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { deletePost, editPost, listPostRevisions } from '@/lib/forum/edit-post';
import { getThread } from '@/lib/forum/get-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { createChannel, updateChannel } from '@/lib/forum/manage-channels';
import { setThreadFlags } from '@/lib/forum/moderate-thread';
import { listNotifications, markNotificationsRead, unreadNotificationCount } from '@/lib/forum/notifications';
import { quotePost } from '@/lib/forum/quote-post';
import { markThreadRead } from '@/lib/forum/read-state';
import { setWatch, threadWatchAsShown } from '@/lib/forum/watches';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { search } from '@/lib/search';
import { actorFor, db, errorOf, makeChannel, makeOrg, makeUser, randomId, rawSql, rowCounts, schema, useTestDatabase } from './harness';

useTestDatabase();

let alice: Actor;
let bob: Actor;
let carol: Actor;
let mod: Actor;
let lead: Actor;
let slug: string;
let channelId: string;

async function withUsername(actor: Actor, username: string) {
  await db().update(schema.users).set({ username }).where(eq(schema.users.id, actor.id));
  return actor;
}

beforeAll(async () => {
  alice = await withUsername(actorFor(await makeUser({ name: 'Alice Archer' })), 'alice');
  bob = await withUsername(actorFor(await makeUser({ name: 'Bob Baker' })), 'bob');
  carol = await withUsername(actorFor(await makeUser({ name: 'Carol Cole' })), 'carol');
  mod = actorFor(await makeUser({ role: 'moderator' }));
  lead = actorFor(await makeUser({ role: 'incident_lead' }));
  const channel = await makeChannel();
  slug = channel.slug;
  channelId = channel.id;
});

describe('channels', () => {
  it('moderators create, rename, order and archive channels; members cannot', async () => {
    expect((await errorOf(() => createChannel(alice, { slug: 'nope', name: 'Nope' }))).code).toBe('forbidden');
    const created = await createChannel(mod, { slug: 'Incident-Response', name: 'Incident response', description: 'Playbooks' });
    expect(created.slug).toBe('incident-response');
    expect((await errorOf(() => createChannel(mod, { slug: 'incident-response', name: 'Again' }))).code).toBe('conflict');
    expect((await errorOf(() => createChannel(mod, { slug: 'bad slug!', name: 'x' }))).code).toBe('invalid');
    await updateChannel(mod, 'incident-response', { name: 'Incident response (IR)', position: 7 });
    await updateChannel(mod, 'incident-response', { archived: true });
    const error = await errorOf(() => createThread(alice, 'incident-response', { title: 't', body: 'b' }));
    expect(error.code).toBe('conflict');
  });
});

describe('threads: pinned first, newest activity, keyset pages, unread', () => {
  it('pages through every thread exactly once, pinned on top', async () => {
    const channel = await makeChannel();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createThread(alice, channel.slug, { title: `Thread ${i}`, body: `body ${i}` })).id);
    await setThreadFlags(mod, ids[0], { pinned: true });
    await createPost(bob, ids[3], { body: 'bump' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listThreads(alice, channel.slug, { limit: 3, cursor });
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen[0]).toBe(ids[0]);
    expect(seen[1]).toBe(ids[3]);
    expect((await errorOf(() => listThreads(alice, channel.slug, { cursor: 'garbage' }))).code).toBe('invalid');
  });

  it('marks threads unread until read, then counts new replies', async () => {
    const { id } = await createThread(alice, slug, { title: 'Unread test', body: 'first' });
    const before = (await listThreads(bob, slug)).threads.find((t) => t.id === id)!;
    expect(before.unread).toBe(true);
    await markThreadRead(bob, id);
    await createPost(alice, id, { body: 'second' });
    await createPost(alice, id, { body: 'third' });
    const after = (await listThreads(bob, slug)).threads.find((t) => t.id === id)!;
    expect(after.unread).toBe(false);
    expect(after.newPosts).toBe(2);
  });

  it('"New" is for threads started recently and since the reader joined, and never for a muted thread', async () => {
    const channel = await makeChannel();
    const old = await createThread(alice, channel.slug, { title: 'From last month', body: 'x' });
    const beforeJoining = await createThread(alice, channel.slug, { title: 'Before Nina joined', body: 'y' });
    await rawSql()`update threads set created_at = now() - interval '15 days' where id = ${old.id}`;
    await rawSql()`update threads set created_at = now() - interval '2 days' where id = ${beforeJoining.id}`;
    const nina = actorFor(await makeUser({ name: 'Nina Newcomer' }));
    await rawSql()`update users set created_at = now() - interval '1 day' where id = ${nina.id}`;
    const fresh = await createThread(alice, channel.slug, { title: 'Today', body: 'z' });
    const muted = await createThread(alice, channel.slug, { title: 'Today, muted', body: 'm' });
    await setWatch(nina, { type: 'thread', id: muted.id }, { level: 'muted' });
    const marks = async (who: Actor) => Object.fromEntries((await listThreads(who, channel.slug)).threads.map((t) => [t.title, t.unread]));
    expect(await marks(nina)).toEqual({ 'From last month': false, 'Before Nina joined': false, Today: true, 'Today, muted': false });
    const olga = actorFor(await makeUser({ name: 'Olga Oldtimer' }));
    await rawSql()`update users set created_at = now() - interval '1 year' where id = ${olga.id}`;
    expect(await marks(olga)).toEqual({ 'From last month': false, 'Before Nina joined': true, Today: true, 'Today, muted': true });
  });

  it('reading a thread tracks it; new replies are counted for watched and tracked threads only', async () => {
    const tess = actorFor(await makeUser({ name: 'Tess Tracker' }));
    const channel = await makeChannel();
    const read = await createThread(alice, channel.slug, { title: 'Read and tracked', body: 'a' });
    const chosenNormal = await createThread(alice, channel.slug, { title: 'Set to normal', body: 'b' });
    const inWatchedChannel = await makeChannel();
    const watchedThread = await createThread(alice, inWatchedChannel.slug, { title: 'Channel watched', body: 'c' });
    await setWatch(tess, { type: 'channel', id: inWatchedChannel.id }, { level: 'watching' });
    await setWatch(tess, { type: 'thread', id: chosenNormal.id }, { level: 'normal' });
    for (const t of [read, chosenNormal, watchedThread]) await markThreadRead(tess, t.id);

    const targets = new Set([read.id, chosenNormal.id, watchedThread.id, inWatchedChannel.id]);
    const levels = Object.fromEntries(
      (await db().select().from(schema.watches).where(eq(schema.watches.userId, tess.id))).filter((w) => targets.has(w.targetId)).map((w) => [w.targetId, w.level]),
    );
    // Reading tracked the threads (Watchroom's own rows, `automatic`); the chosen levels stay as chosen.
    expect(levels).toEqual({ [read.id]: 'tracking', [chosenNormal.id]: 'normal', [watchedThread.id]: 'tracking', [inWatchedChannel.id]: 'watching' });

    const tessBefore = await unreadNotificationCount(tess);
    for (const t of [read, chosenNormal, watchedThread]) await createPost(carol, t.id, { body: 'news' });
    // The watched channel still notifies: reading its thread did not give the thread a level of its own.
    expect(await unreadNotificationCount(tess)).toBe(tessBefore + 1);
    const counts = async (slugOf: string) => Object.fromEntries((await listThreads(tess, slugOf)).threads.map((t) => [t.title, t.newPosts]));
    expect(await counts(channel.slug)).toEqual({ 'Read and tracked': 1, 'Set to normal': 0 });
    expect(await counts(inWatchedChannel.slug)).toEqual({ 'Channel watched': 1 });
  });

  it('tracking from reading or replying never overrides a level chosen later for the channel', async () => {
    const vic = actorFor(await makeUser({ name: 'Vic Veteran' }));
    const channel = await makeChannel();
    const t = await createThread(alice, channel.slug, { title: 'Read first, watch later', body: 'x' });
    await markThreadRead(vic, t.id);
    const { id: vicsReply } = await createPost(vic, t.id, { body: 'my two pence' });
    await setWatch(vic, { type: 'channel', id: channel.id }, { level: 'watching' });
    const before = await unreadNotificationCount(vic);
    await createPost(bob, t.id, { body: 'news for channel watchers' });
    expect(await unreadNotificationCount(vic)).toBe(before + 1);

    await setWatch(vic, { type: 'channel', id: channel.id }, { level: 'muted' });
    await markThreadRead(vic, t.id);
    const mutedBefore = await unreadNotificationCount(vic);
    await createPost(bob, t.id, { body: 'a reply to Vic, muted by the channel', replyToPostId: vicsReply });
    expect(await unreadNotificationCount(vic)).toBe(mutedBefore);
    expect((await listThreads(vic, channel.slug)).threads.find((x) => x.id === t.id)).toMatchObject({ unread: false, newPosts: 0 });
  });

  it('the thread page shows the level that governs: the thread’s own, else the channel’s, else tracking (reading tracks it)', async () => {
    const uma = actorFor(await makeUser({ name: 'Uma Undecided' }));
    const channel = await makeChannel();
    const t = await createThread(alice, channel.slug, { title: 'Which level', body: 'x' });
    const shown = () => threadWatchAsShown(uma, { id: t.id, channelId: channel.id });
    expect(await shown()).toBe('tracking');
    await setWatch(uma, { type: 'channel', id: channel.id }, { level: 'normal' });
    expect(await shown()).toBe('tracking');
    await setWatch(uma, { type: 'channel', id: channel.id }, { level: 'watching' });
    expect(await shown()).toBe('watching');
    await setWatch(uma, { type: 'thread', id: t.id }, { level: 'normal' });
    expect(await shown()).toBe('normal');
  });

  it('locked threads take no replies and write nothing', async () => {
    const { id } = await createThread(alice, slug, { title: 'To lock', body: 'x' });
    expect((await errorOf(() => setThreadFlags(alice, id, { locked: true }))).code).toBe('forbidden');
    await setThreadFlags(mod, id, { locked: true });
    const counts = await rowCounts();
    expect((await errorOf(() => createPost(bob, id, { body: 'late reply' }))).code).toBe('conflict');
    expect(await rowCounts()).toEqual(counts);
  });
});

describe('editing, revisions, deletion, quoting', () => {
  it('keeps every revision and lets only the author edit', async () => {
    const { id, postId } = await createThread(alice, slug, { title: 'Edits', body: 'version one' });
    await editPost(alice, postId, { body: 'version **two**' });
    await editPost(alice, postId, { body: 'version three' });
    expect((await errorOf(() => editPost(bob, postId, { body: 'hijack' }))).code).toBe('forbidden');
    expect((await errorOf(() => editPost(alice, postId, { body: '   ' }))).code).toBe('invalid');
    const { revisions } = await listPostRevisions(bob, postId);
    expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(revisions[1].bodyHtml).toContain('<strong>two</strong>');
    const thread = await getThread(bob, id);
    expect(thread.posts[0].bodyHtml).toContain('version three');
  });

  it('deletion by the author or a moderator leaves a tombstone', async () => {
    const { id } = await createThread(alice, slug, { title: 'Deletes', body: 'keep' });
    const { id: reply } = await createPost(bob, id, { body: 'secret-ish reply text' });
    expect((await errorOf(() => deletePost(carol, reply))).code).toBe('forbidden');
    await deletePost(mod, reply);
    const thread = await getThread(alice, id);
    const tomb = thread.posts.find((p) => p.id === reply)!;
    expect(tomb.deletedAt).not.toBeNull();
    expect(tomb.bodyHtml).toBe('');
    expect(JSON.stringify(thread)).not.toContain('secret-ish');
    expect((await errorOf(() => quotePost(alice, reply))).code).toBe('not_found');
  });

  it('each post names its author with the @name to mention them by', async () => {
    const { id } = await createThread(alice, slug, { title: 'Who wrote this', body: 'me' });
    const [opening] = (await getThread(bob, id)).posts;
    expect(opening).toMatchObject({ authorName: 'Alice Archer', authorUsername: 'alice' });
  });

  it('quotes a public post as Markdown with attribution', async () => {
    const { postId, id } = await createThread(alice, slug, { title: 'Quote me', body: 'line one\nline two' });
    const q = await quotePost(bob, postId);
    expect(q.markdown).toContain('> line one\n> line two');
    expect(q.markdown).toContain(`/threads/${id}#post-${postId}`);
  });
});

describe('notifications', () => {
  it('mentions, replies and watched threads notify once each, never the author', async () => {
    const { id, postId } = await createThread(alice, slug, { title: 'Notify me', body: 'Starting' });
    await setWatch(carol, { type: 'thread', id }, { level: 'watching' });
    const before = await unreadNotificationCount(alice);
    await createPost(bob, id, { body: 'Hello @alice and @carol and @nobody', replyToPostId: postId });
    const aliceList = await listNotifications(alice);
    expect(aliceList.unread).toBe(before + 1);
    expect(aliceList.notifications[0]).toMatchObject({ kind: 'mention', threadId: id, actorName: 'Bob Baker' });
    const carolList = await listNotifications(carol);
    expect(carolList.notifications.filter((n) => n.threadId === id)).toHaveLength(1);
    expect(await unreadNotificationCount(bob)).toBe(0);

    await createPost(carol, id, { body: 'a reply to the thread' });
    // A reply to the thread (no post named) is a reply to its starter.
    expect((await listNotifications(alice)).notifications[0]).toMatchObject({ kind: 'reply', threadId: id });
    await markNotificationsRead(alice, { all: true });
    expect(await unreadNotificationCount(alice)).toBe(0);
  });

  it('muting a thread silences a watched channel', async () => {
    const { id } = await createThread(alice, slug, { title: 'Muted', body: 'x' });
    await setWatch(carol, { type: 'channel', id: channelId }, { level: 'watching' });
    await setWatch(carol, { type: 'thread', id }, { level: 'muted' });
    const before = await unreadNotificationCount(carol);
    await createPost(bob, id, { body: 'noise' });
    expect(await unreadNotificationCount(carol)).toBe(before);
    await setWatch(carol, { type: 'channel', id: channelId }, { level: 'normal' });
  });

  it('a muted thread, or a thread in a muted channel, no longer notifies replies to you; mentions still do', async () => {
    const { id, postId } = await createThread(alice, slug, { title: 'Quiet please', body: 'starting' });
    await setWatch(alice, { type: 'thread', id }, { level: 'muted' });
    const before = await unreadNotificationCount(alice);
    await createPost(bob, id, { body: 'a reply to you', replyToPostId: postId });
    await createPost(bob, id, { body: 'and one to the thread' });
    expect(await unreadNotificationCount(alice)).toBe(before);
    await createPost(bob, id, { body: 'but @alice, look at this' });
    expect(await unreadNotificationCount(alice)).toBe(before + 1);
    expect((await listNotifications(alice)).notifications[0]).toMatchObject({ kind: 'mention', threadId: id });

    // A muted channel mutes its threads' replies, unless the thread has a level of its own.
    const other = await createThread(carol, slug, { title: 'Channel muted', body: 'x' });
    const chosen = await createThread(carol, slug, { title: 'Channel muted, thread watched', body: 'y' });
    await db().delete(schema.watches).where(eq(schema.watches.userId, carol.id));
    await setWatch(carol, { type: 'channel', id: channelId }, { level: 'muted' });
    await setWatch(carol, { type: 'thread', id: chosen.id }, { level: 'tracking' });
    const carolBefore = await unreadNotificationCount(carol);
    await createPost(bob, other.id, { body: 'reply in a muted channel', replyToPostId: other.postId });
    expect(await unreadNotificationCount(carol)).toBe(carolBefore);
    await createPost(bob, chosen.id, { body: 'reply in a thread tracked despite the channel', replyToPostId: chosen.postId });
    expect(await unreadNotificationCount(carol)).toBe(carolBefore + 1);
    await setWatch(carol, { type: 'channel', id: channelId }, { level: 'normal' });
  });

  it('an @name in code mentions nobody; an edit that adds a mention notifies the newly mentioned only', async () => {
    const { id } = await createThread(alice, slug, { title: 'Packages', body: 'Which version?' });
    const carolBefore = await unreadNotificationCount(carol);
    const { id: replyId } = await createPost(bob, id, { body: 'Install it with `npm i @carol/tool`:\n\n```\nnpm i @carol\n```' });
    expect(await unreadNotificationCount(carol)).toBe(carolBefore);

    await editPost(bob, replyId, { body: 'Install it with `npm i @carol/tool`. Thanks @carol for the tip.' });
    expect(await unreadNotificationCount(carol)).toBe(carolBefore + 1);
    expect((await listNotifications(carol)).notifications[0]).toMatchObject({ kind: 'mention', threadId: id, postId: replyId });
    // Editing again with the same mention, or mentioning the author, adds nothing.
    await editPost(bob, replyId, { body: 'Thanks @carol for the tip, says @bob.' });
    expect(await unreadNotificationCount(carol)).toBe(carolBefore + 1);
    expect(await unreadNotificationCount(bob)).toBe(0);

    // Someone already notified about the post (watching the thread, and has read it) hears of the new mention.
    const wally = await withUsername(actorFor(await makeUser({ name: 'Wally Watcher' })), `wally${randomId().slice(0, 6)}`);
    const [{ username }] = await db().select({ username: schema.users.username }).from(schema.users).where(eq(schema.users.id, wally.id));
    await setWatch(wally, { type: 'thread', id }, { level: 'watching' });
    const { id: later } = await createPost(bob, id, { body: 'One more thing.' });
    await markNotificationsRead(wally, { all: true });
    await editPost(bob, later, { body: `One more thing, @${username}.` });
    expect((await listNotifications(wally)).notifications[0]).toMatchObject({ kind: 'mention', postId: later, readAt: null });
  });

  it('a new thread reaches channel watchers; trackers, suspended accounts and the author hear nothing', async () => {
    const dave = actorFor(await makeUser({ name: 'Dave Dormant' }));
    const erin = actorFor(await makeUser({ name: 'Erin Tracker' }));
    await setWatch(carol, { type: 'channel', id: channelId }, { level: 'watching' });
    await setWatch(dave, { type: 'channel', id: channelId }, { level: 'watching' });
    await setWatch(erin, { type: 'channel', id: channelId }, { level: 'tracking' });
    await setWatch(alice, { type: 'channel', id: channelId }, { level: 'watching' });
    await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, dave.id));
    const before = await Promise.all([carol, dave, erin, alice].map(unreadNotificationCount));
    const { id } = await createThread(alice, slug, { title: 'For watchers', body: 'Patch tonight' });
    const after = await Promise.all([carol, dave, erin, alice].map(unreadNotificationCount));
    expect(after).toEqual([before[0] + 1, before[1], before[2], before[3]]);
    expect((await listNotifications(carol)).notifications[0]).toMatchObject({ kind: 'watching', threadId: id });
    // The starter watches their thread; a replier tracks it.
    await createPost(bob, id, { body: 'On it' });
    const watches = await db().select().from(schema.watches).where(eq(schema.watches.targetId, id));
    expect(Object.fromEntries(watches.map((w) => [w.userId, w.level]))).toEqual({ [alice.id]: 'watching', [bob.id]: 'tracking' });
    for (const who of [carol, dave, erin, alice]) await setWatch(who, { type: 'channel', id: channelId }, { level: 'normal' });
  });

  it('a thread locked while a reply is being written refuses the reply (409) and writes nothing', async () => {
    const { id } = await createThread(alice, slug, { title: 'About to lock', body: 'x' });
    const before = await rowCounts();
    const sql = rawSql();
    let reply: Promise<unknown> | undefined;
    await sql.begin(async (tx) => {
      await tx`select id from threads where id = ${id} for update`;
      reply = errorOf(() => createPost(bob, id, { body: 'just in time?' }));
      // Wait until the reply's write is queued behind this transaction's row lock, then lock the thread.
      for (let i = 0; i < 200; i++) {
        const [{ waiting }] = await sql<{ waiting: number }[]>`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into posts%'`;
        if (waiting > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await tx`update threads set locked = true where id = ${id}`;
    });
    expect(await reply).toMatchObject({ status: 409 });
    expect(await rowCounts()).toEqual(before);
  });

  it('a reply that waited for the thread is stamped after the replies written before it', async () => {
    const { id } = await createThread(alice, slug, { title: 'Busy thread', body: 'x' });
    const sql = rawSql();
    let waited: Promise<{ id: string }> | undefined;
    let first = '';
    await sql.begin(async (tx) => {
      await tx`select id from threads where id = ${id} for update`;
      waited = createPost(bob, id, { body: 'started first, written second' });
      for (let i = 0; i < 200; i++) {
        const [{ waiting }] = await sql<{ waiting: number }[]>`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into posts%'`;
        if (waiting > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      // Another reply written while the first waits (after the first's statement began).
      const [row] = await tx<{ id: string }[]>`insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at) values (${id}, ${alice.id}, 'w', '<p>w</p>', 'w', clock_timestamp()) returning id`;
      first = row.id;
    });
    const second = (await waited!).id;
    const order = (await getThread(alice, id)).posts.map((p) => p.id);
    expect(order.indexOf(first)).toBeLessThan(order.indexOf(second));
  });

  it('rejects a reply target from another thread', async () => {
    const a = await createThread(alice, slug, { title: 'A', body: 'a' });
    const b = await createThread(alice, slug, { title: 'B', body: 'b' });
    expect((await errorOf(() => createPost(bob, a.id, { body: 'x', replyToPostId: b.postId }))).code).toBe('invalid');
  });
});

describe('search', () => {
  it('finds public posts with highlighted, escaped snippets and filters', async () => {
    await createThread(alice, slug, { title: 'Ransomware playbook', body: 'Isolate the <b>domain controllers</b> first when ransomware spreads.' });
    const { results } = await search(bob, { q: 'ransomware controllers' });
    expect(results.length).toBeGreaterThan(0);
    expect(results[0].snippetHtml).toContain('<mark>');
    expect(results[0].snippetHtml).not.toContain('<b>');
    expect((await search(bob, { q: 'ransomware', author: 'carol' })).results).toHaveLength(0);
    expect((await search(bob, { q: 'ransomware', author: 'alice' })).results.length).toBeGreaterThan(0);
    expect((await search(bob, { q: 'ransomware', from: '2999-01-01' })).results).toHaveLength(0);
    expect((await errorOf(() => search(bob, { q: 'x' }))).code).toBe('invalid');
  });

  it('returns incident-room posts to members only — outsiders see no trace', async () => {
    const org = await makeOrg();
    const insider = actorFor(await makeUser({ organisation: org }));
    const room = await createRoom(lead, {
      title: 'Zebracanary room',
      severity: 'low',
      tlp: 'AMBER',
      summary: 'restricted',
      publicHeadline: 'An incident',
      invite: { organisations: [org.odsCode], users: [] },
    });
    await createRoomPost(insider, room.id, { body: 'zebracanary indicators 198.51.100.7', tlp: 'AMBER' });
    const inside = await search(insider, { q: 'zebracanary' });
    expect(inside.results.map((r) => r.kind)).toContain('room_post');
    expect(inside.results.find((r) => r.kind === 'room_post')?.tlp).toBe('AMBER');
    for (const outsider of [alice, mod]) {
      const out = await search(outsider, { q: 'zebracanary' });
      expect(out.results).toHaveLength(0);
      expect(JSON.stringify(out)).not.toMatch(/Zebracanary room|198\.51\.100\.7/);
    }
  });
});

describe('search by thread title', () => {
  it('finds a thread whose title matches even when no post body does', async () => {
    const { id } = await createThread(alice, slug, { title: 'Quokkabridge migration plan', body: 'Details to follow.' });
    const { results } = await search(bob, { q: 'quokkabridge' });
    expect(results.map((r) => r.href)).toContainEqual(expect.stringContaining(`/threads/${id}#post-`));
  });
});
