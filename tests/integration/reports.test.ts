import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as queueRoute, POST as reportRoute } from '@/app/api/v1/reports/route';
import { POST as resolutionRoute } from '@/app/api/v1/reports/[postId]/resolution/route';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { deletePost } from '@/lib/forum/edit-post';
import { getThread } from '@/lib/forum/get-thread';
import { listReportQueue } from '@/lib/moderation/list-reports';
import { reportPost } from '@/lib/moderation/report-post';
import { resolveReports } from '@/lib/moderation/resolve-reports';
import { apiRequest, signedIn } from './api-fuzz-session';
import { actorFor, db, errorOf, makeChannel, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/** Reporting posts and the moderators' review queue. */
useTestDatabase();

let author: Actor;
let r1: Actor;
let r2: Actor;
let mod: Actor;
let r1User: TestUser;
let modUser: TestUser;
let slug: string;

beforeAll(async () => {
  author = actorFor(await makeUser({ name: 'Avery Author' }));
  r1User = await makeUser({ name: 'Riley Reporter' });
  r1 = actorFor(r1User);
  r2 = actorFor(await makeUser({ name: 'Robin Reporter' }));
  modUser = await makeUser({ role: 'moderator' });
  mod = actorFor(modUser);
  slug = (await makeChannel()).slug;
});

async function newPost(body = 'a post that some people dislike') {
  const t = await createThread(author, slug, { title: 'Reported thread', body: 'opening post' });
  return { threadId: t.id, postId: (await createPost(author, t.id, { body })).id };
}

async function reportsOf(postId: string) {
  return db().select().from(schema.postReports).where(eq(schema.postReports.postId, postId));
}

describe('reporting a post', () => {
  it('records one open report per person per post; a second is a clear 409 and writes nothing', async () => {
    const { postId } = await newPost();
    const first = await reportPost(r1, { postId, reason: 'Shares a phishing link' });
    expect(first.status).toBe('open');
    const before = await rowCounts();
    const again = await errorOf(() => reportPost(r1, { postId, reason: 'Still bad' }));
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/already reported/);
    expect(await rowCounts()).toEqual(before);
    await reportPost(r2, { postId, reason: 'Off topic' });
    expect(await reportsOf(postId)).toHaveLength(2);
  });

  it('refuses bad input, own posts, deleted and missing posts with clear errors, writing nothing', async () => {
    const { postId } = await newPost();
    const before = await rowCounts();
    const blank = await errorOf(() => reportPost(r1, { postId, reason: '  ' }));
    expect(blank).toMatchObject({ status: 400, fields: { reason: ['Say why you are reporting this post'] } });
    expect((await errorOf(() => reportPost(r1, { postId: 'nope', reason: 'spam spam' }))).fields).toHaveProperty('postId');
    expect((await errorOf(() => reportPost(r1, { postId, reason: 'x'.repeat(1001) }))).status).toBe(400);
    expect((await errorOf(() => reportPost(author, { postId, reason: 'my own post' }))).status).toBe(403);
    expect((await errorOf(() => reportPost(r1, { postId: randomId(), reason: 'missing post' }))).status).toBe(404);
    await deletePost(author, postId);
    const afterDelete = await rowCounts();
    expect((await errorOf(() => reportPost(r1, { postId, reason: 'deleted post' }))).status).toBe(409);
    expect(await rowCounts()).toEqual(afterDelete);
    expect(afterDelete.post_reports).toBe(before.post_reports);
  });

  it('through the API: 201, then 409 for the same person', async () => {
    const { postId } = await newPost();
    const session = await signedIn(r1User);
    const body = JSON.stringify({ postId, reason: 'Contains a customer’s data' });
    const first = await reportRoute(apiRequest(session, 'POST', '/api/v1/reports', { body }), { params: Promise.resolve({}) });
    expect(first.status).toBe(201);
    const second = await reportRoute(apiRequest(session, 'POST', '/api/v1/reports', { body }), { params: Promise.resolve({}) });
    expect(second.status).toBe(409);
    expect((await second.json()).error.message).toMatch(/already reported/);
  });
});

describe('the review queue', () => {
  it('is for moderators only', async () => {
    expect((await errorOf(() => listReportQueue(r1))).status).toBe(403);
    const session = await signedIn(r1User);
    const res = await queueRoute(apiRequest(session, 'GET', '/api/v1/reports'), { params: Promise.resolve({}) });
    expect(res.status).toBe(403);
  });

  it('lists open reports first, with excerpt, thread, reporter count and every reason', async () => {
    const older = await newPost('older reported post with a suspicious attachment');
    const newer = await newPost('newer reported post');
    await reportPost(r1, { postId: older.postId, reason: 'Malware attachment' });
    await reportPost(r2, { postId: older.postId, reason: 'Looks like malware' });
    await reportPost(r1, { postId: newer.postId, reason: 'Rude' });
    const { posts } = await listReportQueue(mod, { status: 'all' });
    const olderRow = posts.find((p) => p.postId === older.postId)!;
    expect(olderRow).toMatchObject({ threadTitle: 'Reported thread', authorName: 'Avery Author', openReports: 2, reporters: 2, postState: 'visible' });
    expect(olderRow.excerpt).toContain('suspicious attachment');
    expect(olderRow.reports.map((r) => r.reason)).toEqual(['Malware attachment', 'Looks like malware']);
    const openIds = posts.filter((p) => p.openReports > 0).map((p) => p.postId);
    expect(posts.slice(0, openIds.length).map((p) => p.postId)).toEqual(openIds);
    expect(openIds.indexOf(older.postId)).toBeLessThan(openIds.indexOf(newer.postId));
    expect((await errorOf(() => listReportQueue(mod, { status: 'bogus' }))).status).toBe(400);
  });

  it('hide resolves every open report of the post, hides it, and a resolved post leaves the open queue', async () => {
    const { postId, threadId } = await newPost('hide me please');
    await reportPost(r1, { postId, reason: 'Spam' });
    await reportPost(r2, { postId, reason: 'Advertising' });
    const done = await resolveReports(mod, postId, { action: 'hide', reason: 'Advertising is not allowed' });
    expect(done).toMatchObject({ status: 'actioned', resolved: 2 });
    const reports = await reportsOf(postId);
    expect(reports.every((r) => r.status === 'actioned' && r.resolvedById === mod.id && r.resolution?.includes('Advertising is not allowed'))).toBe(true);
    const post = (await getThread(r1, threadId)).posts.find((p) => p.id === postId)!;
    expect(post.hiddenAt).not.toBeNull();
    expect(post.bodyHtml).toBe('');
    expect((await listReportQueue(mod)).posts.map((p) => p.postId)).not.toContain(postId);
    expect((await listReportQueue(mod, { status: 'resolved' })).posts.find((p) => p.postId === postId)?.postState).toBe('hidden');
    const [logged] = await db()
      .select()
      .from(schema.staffActions)
      .where(and(eq(schema.staffActions.targetId, postId), eq(schema.staffActions.action, 'report.hide')));
    expect(logged).toMatchObject({ actorId: mod.id, targetUserId: author.id, reason: 'Advertising is not allowed' });
    // Nothing open any more: a second resolution is a conflict.
    expect((await errorOf(() => resolveReports(mod, postId, { action: 'dismiss', reason: 'again' }))).status).toBe(409);
  });

  it('delete tombstones the post; dismiss leaves it as it was', async () => {
    const del = await newPost('delete me');
    await reportPost(r1, { postId: del.postId, reason: 'Illegal content' });
    await resolveReports(mod, del.postId, { action: 'delete', reason: 'Illegal content' });
    const [deleted] = await db().select().from(schema.posts).where(eq(schema.posts.id, del.postId));
    expect(deleted.deletedAt).not.toBeNull();
    expect(deleted.deletedById).toBe(mod.id);

    const keep = await newPost('this one is fine');
    await reportPost(r1, { postId: keep.postId, reason: 'I disagree' });
    const res = await resolutionRoute(
      apiRequest(await signedIn(modUser), 'POST', `/api/v1/reports/${keep.postId}/resolution`, { body: JSON.stringify({ action: 'dismiss', reason: 'Disagreement is not abuse' }) }),
      { params: Promise.resolve({ postId: keep.postId }) },
    );
    expect(res.status).toBe(200);
    const [kept] = await db().select().from(schema.posts).where(eq(schema.posts.id, keep.postId));
    expect(kept.hiddenAt).toBeNull();
    expect(kept.deletedAt).toBeNull();
    expect((await reportsOf(keep.postId))[0].status).toBe('dismissed');
    // Once resolved, the same person may report it again: the report reopens.
    await reportPost(r1, { postId: keep.postId, reason: 'Now it has been edited into spam' });
    expect((await reportsOf(keep.postId))[0]).toMatchObject({ status: 'open', resolution: null, reason: 'Now it has been edited into spam' });
  });

  it('refuses members and bad input, changing nothing', async () => {
    const { postId } = await newPost();
    await reportPost(r1, { postId, reason: 'Spam' });
    const before = await rowCounts();
    expect((await errorOf(() => resolveReports(r2, postId, { action: 'hide', reason: 'members cannot' }))).status).toBe(403);
    expect((await errorOf(() => resolveReports(mod, postId, { action: 'ban', reason: 'no such action' }))).fields).toHaveProperty('action');
    expect((await errorOf(() => resolveReports(mod, postId, { action: 'hide' }))).fields).toHaveProperty('reason');
    expect((await errorOf(() => resolveReports(mod, randomId(), { action: 'hide', reason: 'missing post' }))).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect((await reportsOf(postId))[0].status).toBe('open');
  });
});
