import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as revisionsRoute } from '@/app/api/v1/posts/[id]/revisions/route';
import { POST as redactRoute } from '@/app/api/v1/moderation/posts/[id]/revisions/[revision]/redact/route';
import { POST as restoreRoute } from '@/app/api/v1/moderation/posts/[id]/revisions/[revision]/restore/route';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { deletePost, editPost, listPostRevisions } from '@/lib/forum/edit-post';
import { getThread } from '@/lib/forum/get-thread';
import { listNotifications } from '@/lib/forum/notifications';
import { quotePost } from '@/lib/forum/quote-post';
import { hidePost } from '@/lib/moderation/hide-post';
import { listStaffActions } from '@/lib/moderation/list-staff-actions';
import { REDACTED_REVISION_TEXT, redactRevision, restoreRevision } from '@/lib/moderation/redact-revision';
import { exportMyData } from '@/lib/people/my-data';
import { search } from '@/lib/search';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, db, errorOf, makeChannel, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/** Moderators remove (and restore) an earlier version of a post from its revision history. */
useTestDatabase();

// The revisions page's server action reads the signed-in person from the request; here, whoever the test says.
const acting = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/request-actor', () => ({ getActor: async () => acting.actor }));
const { revisionModerationAction } = await import('@/app/posts/[id]/revisions/actions');

let author: Actor;
let reader: Actor;
let mod: Actor;
let admin: Actor;
let readerUser: TestUser;
let modUser: TestUser;
let readerSession: SignedIn;
let modSession: SignedIn;
let slug: string;

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const SECRET = 'zebrafinch-AMBER-10.66.6.6 password Hunter2 07700 900123';

beforeAll(async () => {
  const authorUser = await makeUser({ name: 'Avery Author' });
  author = actorFor(authorUser);
  readerUser = await makeUser({ name: 'Riley Reader' });
  reader = actorFor(readerUser);
  modUser = await makeUser({ role: 'moderator', name: 'Morgan Moderator' });
  mod = actorFor(modUser);
  admin = actorFor(await makeUser({ role: 'admin' }));
  slug = (await makeChannel()).slug;
  readerSession = await signedIn(readerUser);
  modSession = await signedIn(modUser);
});

/** A reply edited twice: version 1 is harmless, version 2 carried the restricted detail, version 3 is current. */
async function leakyPost() {
  const t = await createThread(author, slug, { title: 'Phishing wave this morning', body: 'Seen it too?' });
  const { id: postId } = await createPost(author, t.id, { body: 'Seeing the same lure here.' });
  await editPost(author, postId, { body: `Seeing the same lure here. Details: ${SECRET}` });
  await editPost(author, postId, { body: 'Seeing the same lure here. (Details removed, ask me directly.)' });
  return { threadId: t.id, postId };
}

const redactReq = (session: SignedIn, postId: string, revision: string | number, body: unknown) =>
  redactRoute(
    apiRequest(session, 'POST', `/api/v1/moderation/posts/${postId}/revisions/${revision}/redact`, { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    params({ id: postId, revision: String(revision) }),
  );
const restoreReq = (session: SignedIn, postId: string, revision: string | number, body?: unknown) =>
  restoreRoute(
    apiRequest(session, 'POST', `/api/v1/moderation/posts/${postId}/revisions/${revision}/restore`, body === undefined ? {} : { body: JSON.stringify(body) }),
    params({ id: postId, revision: String(revision) }),
  );
async function revisionsVia(session: SignedIn, postId: string) {
  const res = await revisionsRoute(apiRequest(session, 'GET', `/api/v1/posts/${postId}/revisions`), params({ id: postId }));
  expect(res.status).toBe(200);
  return { text: await res.clone().text(), body: (await res.json()) as { revisions: { revision: number; bodyHtml: string; redacted: { at: string; reason: string | null } | null }[] } };
}

describe('removing an earlier version of a post', () => {
  it('a member cannot remove a version (403), through the API or the use case, and nothing is written', async () => {
    const { postId } = await leakyPost();
    const before = await rowCounts();
    const res = await redactReq(readerSession, postId, 2, { reason: 'I think this is restricted' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect((await errorOf(() => redactRevision(author, postId, { revision: 2, reason: 'my own post' }))).status).toBe(403);
    expect((await errorOf(() => restoreRevision(reader, postId, { revision: 2 }))).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    expect((await listPostRevisions(reader, postId)).revisions[1].bodyHtml).toContain('zebrafinch');
  });

  it('a missing, blank, too short or too long reason, a bad version or a body that is not an object is a 400 that writes nothing', async () => {
    const { postId } = await leakyPost();
    const before = await rowCounts();
    for (const body of [{}, { reason: '' }, { reason: '  x ' }, { reason: 'x'.repeat(1001) }, { reason: 42 }, '[]', '"just a string"']) {
      const res = await redactReq(modSession, postId, 2, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe('invalid');
    }
    const noReason = await (await redactReq(modSession, postId, 2, {})).json();
    expect(noReason.error.fields).toEqual({ reason: ['Give a reason'] });
    for (const revision of ['0', '-1', 'abc', '1.5', '1e3', '9999999999']) {
      const res = await redactReq(modSession, postId, revision, { reason: 'Restricted detail' });
      expect(res.status, revision).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty('revision');
    }
    // A `revision` in the body never overrides the one in the URL.
    expect((await redactReq(modSession, postId, 'abc', { reason: 'Restricted detail', revision: 2 })).status).toBe(400);
    expect((await errorOf(() => restoreRevision(mod, postId, { revision: 2, reason: 'x'.repeat(1001) }))).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    expect((await listPostRevisions(reader, postId)).revisions.map((r) => r.redacted)).toEqual([null, null, null]);
  });

  it('the current version is a 409 (edit or hide the post instead); a version that does not exist is a 404; nothing is written', async () => {
    const { postId } = await leakyPost();
    const before = await rowCounts();
    const res = await redactReq(modSession, postId, 3, { reason: 'Restricted detail' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/current version.*hide the post/);
    expect((await redactReq(modSession, postId, 4, { reason: 'Restricted detail' })).status).toBe(404);
    expect((await redactReq(modSession, randomId(), 1, { reason: 'Restricted detail' })).status).toBe(404);
    expect((await restoreReq(modSession, postId, 2)).status).toBe(409); // not removed
    expect(await rowCounts()).toEqual(before);
    expect((await listPostRevisions(reader, postId)).revisions.map((r) => r.redacted)).toEqual([null, null, null]);

    // A post never edited has only its current version.
    const t = await createThread(author, slug, { title: 'Never edited', body: 'one version only' });
    const unedited = (await getThread(author, t.id)).posts[0].id;
    const counts = await rowCounts();
    expect((await redactReq(modSession, unedited, 1, { reason: 'Restricted detail' })).status).toBe(409);
    expect(await rowCounts()).toEqual(counts);
  });

  it('after removal readers (the author too) see the placeholder in the API and the page data, staff see the text and the reason; restore brings it back', async () => {
    const { threadId, postId } = await leakyPost();
    const res = await redactReq(modSession, postId, 2, { reason: 'Quotes AMBER intelligence and a password' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: postId, revision: 2, redacted: true });

    // The API, as a member.
    const api = await revisionsVia(readerSession, postId);
    expect(api.text).not.toContain('zebrafinch');
    expect(api.text).not.toContain('Hunter2');
    expect(api.text).not.toContain('Quotes AMBER intelligence'); // the reason is for staff
    expect(api.body.revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(api.body.revisions[1]).toMatchObject({ revision: 2, bodyHtml: `<p>${REDACTED_REVISION_TEXT}</p>`, redacted: { at: expect.any(String), reason: null } });
    expect(api.body.revisions[0]).toMatchObject({ bodyHtml: expect.stringContaining('Seeing the same lure here.'), redacted: null });
    expect(api.body.revisions[2]).toMatchObject({ bodyHtml: expect.stringContaining('Details removed'), redacted: null });

    // The page's data (the revisions page renders listPostRevisions), for the author and another member.
    for (const who of [author, reader]) {
      const page = await listPostRevisions(who, postId);
      expect(JSON.stringify(page)).not.toContain('zebrafinch');
      expect(page.revisions[1]).toMatchObject({ revision: 2, bodyHtml: `<p>${REDACTED_REVISION_TEXT}</p>`, redacted: { reason: null }, until: expect.any(Date), from: expect.any(Date) });
    }

    // Staff: moderators (API and page data) and admins read the original, with the reason.
    const staffApi = await revisionsVia(modSession, postId);
    expect(staffApi.body.revisions[1]).toMatchObject({ bodyHtml: expect.stringContaining('zebrafinch'), redacted: { reason: 'Quotes AMBER intelligence and a password' } });
    expect((await listPostRevisions(admin, postId)).revisions[1].bodyHtml).toContain('zebrafinch');

    // The stored text is kept (like a hidden post's), readable to staff only.
    const [row] = await db().select().from(schema.postRevisions).where(and(eq(schema.postRevisions.postId, postId), eq(schema.postRevisions.revision, 2)));
    expect(row).toMatchObject({ redactedById: mod.id, redactedReason: 'Quotes AMBER intelligence and a password', bodyMarkdown: expect.stringContaining('zebrafinch') });

    // No other surface has it: the thread, quotes, search, the author's data export and notifications carry the current text or ids only.
    expect(JSON.stringify(await getThread(reader, threadId))).not.toContain('zebrafinch');
    expect((await quotePost(reader, postId)).markdown).not.toContain('zebrafinch');
    expect((await search(reader, { q: 'zebrafinch' })).results).toEqual([]);
    expect((await search(mod, { q: 'zebrafinch' })).results).toEqual([]); // earlier versions were never indexed
    expect(JSON.stringify(await exportMyData(author))).not.toContain('zebrafinch');
    expect(JSON.stringify(await listNotifications(reader))).not.toContain('zebrafinch');

    // Twice is a 409 that writes nothing.
    const before = await rowCounts();
    expect((await redactReq(modSession, postId, 2, { reason: 'again' })).status).toBe(409);
    expect(await rowCounts()).toEqual(before);

    // Restore (the body may be empty).
    const restored = await restoreReq(modSession, postId, 2);
    expect(restored.status).toBe(200);
    expect(await restored.json()).toEqual({ id: postId, revision: 2, redacted: false });
    const back = await revisionsVia(readerSession, postId);
    expect(back.body.revisions[1]).toMatchObject({ bodyHtml: expect.stringContaining('zebrafinch'), redacted: null });
    const [cleared] = await db().select().from(schema.postRevisions).where(and(eq(schema.postRevisions.postId, postId), eq(schema.postRevisions.revision, 2)));
    expect(cleared).toMatchObject({ redactedAt: null, redactedById: null, redactedReason: null });
  });

  it('is recorded in the audit trail and the staff action log, with the thread and the version (so the log links to the post)', async () => {
    const { threadId, postId } = await leakyPost();
    await redactRevision(admin, postId, { revision: 1, reason: 'Phone number in the first version' });
    await restoreRevision(mod, postId, { revision: 1, reason: 'It was a switchboard number' });
    await redactRevision(mod, postId, { revision: '2', reason: 'Password' });

    const audit = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.subjectId, postId)).orderBy(schema.auditEvents.id);
    expect(audit.map((a) => [a.action, a.actorId, a.subjectType, a.detail])).toEqual([
      ['post.revision_redact', admin.id, 'post', { threadId, revision: 1 }],
      ['post.revision_restore', mod.id, 'post', { threadId, revision: 1 }],
      ['post.revision_redact', mod.id, 'post', { threadId, revision: 2 }],
    ]);
    const log = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetId, postId)).orderBy(schema.staffActions.id);
    expect(log.map((l) => [l.action, l.actorId, l.targetType, l.targetUserId, l.reason, l.detail])).toEqual([
      ['post.revision_redact', admin.id, 'post', author.id, 'Phone number in the first version', { threadId, revision: 1 }],
      ['post.revision_restore', mod.id, 'post', author.id, 'It was a switchboard number', { threadId, revision: 1 }],
      ['post.revision_redact', mod.id, 'post', author.id, 'Password', { threadId, revision: 2 }],
    ]);
    // What the staff log page reads: it links an entry about a post through detail.threadId.
    const { entries } = await listStaffActions(mod, { action: 'post.revision_redact' });
    expect(entries.find((e) => e.targetId === postId && e.detail.revision === 2)).toMatchObject({ targetType: 'post', detail: { threadId }, reason: 'Password', actorName: 'Morgan Moderator' });
    // None of it quotes the removed text.
    expect(JSON.stringify([audit, log])).not.toContain('zebrafinch');
  });

  it('a deleted post is a 409; a hidden post stays out of members’ sight either way', async () => {
    const { postId } = await leakyPost();
    await hidePost(mod, postId, { reason: 'Whole post restricted' });
    await redactRevision(mod, postId, { revision: 2, reason: 'Restricted detail' });
    expect((await errorOf(() => listPostRevisions(reader, postId))).status).toBe(404);
    expect((await listPostRevisions(mod, postId)).revisions[1].redacted).toMatchObject({ reason: 'Restricted detail' });

    const other = await leakyPost();
    await deletePost(author, other.postId);
    const before = await rowCounts();
    expect((await errorOf(() => redactRevision(mod, other.postId, { revision: 2, reason: 'Restricted detail' }))).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('the revisions page form (server action, works without JavaScript)', () => {
  /** Runs the action as a no-JavaScript form post would; a redirect comes back as its target path. */
  async function submit(who: Actor, fields: Record<string, string>) {
    acting.actor = who;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    try {
      return { state: await revisionModerationAction(undefined, form) };
    } catch (error) {
      const digest = String((error as { digest?: unknown }).digest ?? '');
      if (!digest.startsWith('NEXT_REDIRECT')) throw error;
      return { redirect: digest.split(';')[2] };
    } finally {
      acting.actor = null;
    }
  }

  it('removes and restores with a redirect to the page, and hands errors back to the form without writing', async () => {
    const { postId } = await leakyPost();
    const before = await rowCounts();
    const blank = await submit(mod, { postId, revision: '2', change: 'redact', reason: ' ' });
    expect(blank.state).toMatchObject({ error: expect.any(String), fields: { reason: ['Give a reason'] }, values: { reason: ' ' } });
    const asMember = await submit(reader, { postId, revision: '2', change: 'redact', reason: 'Looks restricted to me' });
    expect(asMember.state).toMatchObject({ error: 'Only moderators can remove a version of a post.' });
    const current = await submit(mod, { postId, revision: '3', change: 'redact', reason: 'Restricted detail' });
    expect(current.state?.error).toMatch(/current version/);
    expect(await rowCounts()).toEqual(before);

    expect(await submit(mod, { postId, revision: '2', change: 'redact', reason: 'Restricted detail' })).toEqual({ redirect: `/posts/${postId}/revisions?done=removed&version=2` });
    expect((await listPostRevisions(reader, postId)).revisions[1].bodyHtml).toBe(`<p>${REDACTED_REVISION_TEXT}</p>`);
    expect(await submit(mod, { postId, revision: '2', change: 'restore', reason: '' })).toEqual({ redirect: `/posts/${postId}/revisions?done=restored&version=2` });
    expect((await listPostRevisions(reader, postId)).revisions[1].bodyHtml).toContain('zebrafinch');
  });

  it('sends someone signed out to sign in', async () => {
    const { postId } = await leakyPost();
    const out = await submit(null as unknown as Actor, { postId, revision: '2', change: 'redact', reason: 'Restricted detail' });
    expect(out.redirect).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`/posts/${postId}/revisions`)}`);
    expect((await listPostRevisions(reader, postId)).revisions[1].redacted).toBeNull();
  });
});
