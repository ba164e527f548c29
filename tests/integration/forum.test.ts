import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { getThread } from '@/lib/forum/get-thread';
import { listThreads } from '@/lib/forum/list-threads';
import type { Actor } from '@/lib/auth/actor';
import {
  actorFor,
  db,
  errorOf,
  makeChannel,
  makeUser,
  randomId,
  rowCounts,
  schema,
  useTestDatabase,
} from './harness';
import { unsafePartsOf } from './safe-html';

useTestDatabase();

let alice: Actor;
let bob: Actor;
let channelSlug: string;

beforeAll(async () => {
  alice = actorFor(await makeUser());
  bob = actorFor(await makeUser());
  channelSlug = (await makeChannel()).slug;
});

describe('createThread / getThread', () => {
  it('creates a thread with its first post, and reads it back', async () => {
    const created = await createThread(alice, channelSlug, { title: '  Patching the VPN  ', body: 'We patched **last night**.' });
    const thread = await getThread(bob, created.id);
    expect(thread.title).toBe('Patching the VPN');
    expect(thread.channel.slug).toBe(channelSlug);
    expect(thread.canReply).toBe(true);
    expect(thread.posts).toHaveLength(1);
    expect(thread.posts[0].id).toBe(created.postId);
    expect(thread.posts[0].authorId).toBe(alice.id);
    expect(thread.posts[0].bodyHtml).toContain('<strong>last night</strong>');
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ body: 'a body' }, 'title'],
      [{ title: '   ', body: 'a body' }, 'title'],
      [{ title: 'x'.repeat(201), body: 'a body' }, 'title'],
      [{ title: 'A title', body: '' }, 'body'],
      [{ title: 'A title', body: ' \n\t ' }, 'body'],
      [{ title: 'A title', body: 'x'.repeat(50_001) }, 'body'],
      [{ title: 'A title' }, 'body'],
      [null, '_'],
    ];
    const before = await rowCounts();
    for (const [input, field] of cases) {
      const error = await errorOf(() => createThread(alice, channelSlug, input));
      expect(error, JSON.stringify(input)?.slice(0, 80)).toMatchObject({ name: 'AppError', code: 'invalid', status: 400 });
      expect(Object.keys(error.fields as object)).toContain(field);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts a body of exactly 50,000 characters', async () => {
    const created = await createThread(alice, channelSlug, { title: 'Long one', body: 'y'.repeat(50_000) });
    const [post] = await db().select().from(schema.posts).where(eq(schema.posts.id, created.postId));
    expect(post.bodyMarkdown).toHaveLength(50_000);
  });

  it('gives not_found for an unknown channel and conflict for an archived one, writing nothing', async () => {
    const archived = await makeChannel({ archived: true });
    const before = await rowCounts();
    expect(await errorOf(() => createThread(alice, 'no-such-channel', { title: 'T', body: 'B' }))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => createThread(alice, archived.slug, { title: 'T', body: 'B' }))).toMatchObject({ code: 'conflict' });
    expect(await rowCounts()).toEqual(before);
  });

  it('gives the same not_found for an unknown and a malformed thread id', async () => {
    const unknown = await errorOf(() => getThread(alice, randomId()));
    const malformed = await errorOf(() => getThread(alice, 'not-a-uuid'));
    const injection = await errorOf(() => getThread(alice, "' or 1=1 --"));
    expect(unknown).toMatchObject({ name: 'AppError', code: 'not_found', status: 404 });
    expect(malformed).toEqual(unknown);
    expect(injection).toEqual(unknown);
  });
});

describe('createPost', () => {
  it('adds a reply and updates the thread counters', async () => {
    const { id } = await createThread(alice, channelSlug, { title: 'Reply counting', body: 'first' });
    const reply = await createPost(bob, id, { body: 'second' });
    const thread = await getThread(alice, id);
    expect(thread.posts.map((p) => p.id)).toEqual([expect.any(String), reply.id]);
    expect(thread.posts[1].authorName).toBe((await db().select().from(schema.users).where(eq(schema.users.id, bob.id)))[0].name);
    const [row] = await db().select().from(schema.threads).where(eq(schema.threads.id, id));
    expect(row.postCount).toBe(2);
    expect(row.lastPosterId).toBe(bob.id);
  });

  it('refuses bad bodies with field errors and writes nothing', async () => {
    const { id } = await createThread(alice, channelSlug, { title: 'Bad replies', body: 'first' });
    const before = await rowCounts();
    for (const input of [{ body: '' }, { body: '   \n ' }, { body: 'z'.repeat(50_001) }, {}, { body: 42 }, 'body']) {
      const error = await errorOf(() => createPost(bob, id, input));
      expect(error).toMatchObject({ code: 'invalid', status: 400 });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('gives not_found for an unknown or malformed thread id and writes nothing', async () => {
    const before = await rowCounts();
    expect(await errorOf(() => createPost(bob, randomId(), { body: 'hello' }))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => createPost(bob, 'abc', { body: 'hello' }))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => createPost(bob, '', { body: 'hello' }))).toMatchObject({ code: 'not_found' });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a reply to a locked thread with conflict and writes nothing', async () => {
    const { id } = await createThread(alice, channelSlug, { title: 'To be locked', body: 'first' });
    await db().update(schema.threads).set({ locked: true }).where(eq(schema.threads.id, id));
    const before = await rowCounts();
    expect(await errorOf(() => createPost(bob, id, { body: 'too late' }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await rowCounts()).toEqual(before);
    expect((await getThread(bob, id)).canReply).toBe(false);
  });
});

describe('Markdown', () => {
  it('the safety check itself catches executable HTML', () => {
    expect(unsafePartsOf('<a href="javascript:alert(1)">x</a><img src=x onerror="alert(1)"><script>1</script>')).toEqual([
      'a[href=javascript:alert(1)]',
      'img[onerror]',
      '<script>',
    ]);
  });

  const hostile = [
    '<script>alert("x")</script>',
    '[click me](javascript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![img](javascript:alert(2))',
    '<img src=x onerror=alert(3)>',
    '<a href="javascript:alert(4)">raw link</a>',
    '<iframe src="https://evil.example"></iframe>',
    '[vb](vbscript:msgbox(1))',
  ].join('\n\n');

  it('is rendered at write time and stored sanitised', async () => {
    const { id, postId } = await createThread(alice, channelSlug, {
      title: 'Formatting',
      body: `# Heading\n\n- one\n- two\n\n\`code\` and [NCSC](https://www.ncsc.gov.uk)\n\n${hostile}`,
    });
    const [stored] = await db().select().from(schema.posts).where(eq(schema.posts.id, postId));
    const html = stored.bodyHtml;
    expect(html).toContain('<h1>Heading</h1>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>code</code>');
    expect(html).toMatch(/<a [^>]*href="https:\/\/www\.ncsc\.gov\.uk"[^>]*>NCSC<\/a>/);
    expect(html).toMatch(/<a [^>]*rel="nofollow noopener noreferrer"/);
    // Nothing executable survives: no script/iframe elements, no javascript:/data:/vbscript: URLs, no on* handlers.
    expect(unsafePartsOf(html)).toEqual([]);
    // The raw HTML is shown as text, not dropped silently.
    expect(html).toContain('&lt;script&gt;');
    // And the read path returns the stored HTML as is.
    const thread = await getThread(bob, id);
    expect(thread.posts[0].bodyHtml).toBe(html);
  });
});

describe('listThreads', () => {
  it('lists a channel’s threads, most recent activity first, with reply counts', async () => {
    const channel = await makeChannel();
    const first = await createThread(alice, channel.slug, { title: 'Older thread', body: 'one' });
    const second = await createThread(bob, channel.slug, { title: 'Newer thread', body: 'two' });
    await createPost(bob, first.id, { body: 'bump' });
    const listed = await listThreads(alice, channel.slug);
    expect(listed.channel.slug).toBe(channel.slug);
    expect(listed.threads.map((t) => t.id)).toEqual([first.id, second.id]);
    expect(listed.threads[0]).toMatchObject({ title: 'Older thread', postCount: 2, replyCount: 1 });
    expect(listed.threads[1]).toMatchObject({ title: 'Newer thread', postCount: 1, replyCount: 0 });
  });

  it('gives not_found for an unknown channel', async () => {
    expect(await errorOf(() => listThreads(alice, 'nope'))).toMatchObject({ code: 'not_found' });
  });
});
