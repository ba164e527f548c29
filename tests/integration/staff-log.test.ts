import { beforeAll, describe, expect, it } from 'vitest';
import { GET as staffLogRoute } from '@/app/api/v1/admin/staff-log/route';
import type { Actor } from '@/lib/auth/actor';
import { createThread } from '@/lib/forum/create-thread';
import { getThread } from '@/lib/forum/get-thread';
import { setThreadFlags } from '@/lib/forum/moderate-thread';
import { hidePost } from '@/lib/moderation/hide-post';
import { listStaffActionKinds, listStaffActions } from '@/lib/moderation/list-staff-actions';
import { silenceUser } from '@/lib/moderation/silence-user';
import { apiRequest, signedIn } from './api-fuzz-session';
import { actorFor, errorOf, makeChannel, makeUser, rawSql, useTestDatabase, type TestUser } from './harness';

/** The staff action log: every moderator action, filterable, keyset-paginated, staff only. */
useTestDatabase();

let modA: Actor;
let modB: Actor;
let member: Actor;
let memberUser: TestUser;
let modAUser: TestUser;
let target: Actor;
let threadIds: string[] = [];

beforeAll(async () => {
  modAUser = await makeUser({ role: 'moderator', name: 'Mod A' });
  modA = actorFor(modAUser);
  modB = actorFor(await makeUser({ role: 'moderator', name: 'Mod B' }));
  memberUser = await makeUser();
  member = actorFor(memberUser);
  target = actorFor(await makeUser({ name: 'Target Person' }));
  const slug = (await makeChannel()).slug;
  threadIds = [];
  for (let i = 0; i < 5; i++) {
    const t = await createThread(member, slug, { title: `T${i}`, body: `b${i}` });
    threadIds.push(t.id);
    await setThreadFlags(i % 2 === 0 ? modA : modB, t.id, { locked: true });
  }
  const post = (await getThread(modA, threadIds[0])).posts[0];
  await hidePost(modB, post.id, { reason: 'Spam' });
  await silenceUser(modA, target.id, { until: new Date(Date.now() + 86_400_000).toISOString(), reason: 'Heated' });
});

describe('staff action log', () => {
  it('lists newest first and filters by actor, action and target person', async () => {
    const all = await listStaffActions(modA);
    expect(all.entries).toHaveLength(7);
    expect(all.entries[0].action).toBe('user.silence');
    const ids = all.entries.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const byB = await listStaffActions(modA, { actor: modB.email });
    expect(byB.entries.map((e) => e.actorName)).toEqual(['Mod B', 'Mod B', 'Mod B']);
    expect((await listStaffActions(modA, { actor: modB.id })).entries).toHaveLength(3);

    const locks = await listStaffActions(modB, { action: 'thread.lock' });
    expect(locks.entries).toHaveLength(5);
    expect((await listStaffActions(modB, { action: 'thread.lock', actor: modA.email })).entries).toHaveLength(3);

    const aboutTarget = await listStaffActions(modA, { target: target.email });
    expect(aboutTarget.entries).toHaveLength(1);
    expect(aboutTarget.entries[0]).toMatchObject({ action: 'user.silence', targetUserName: 'Target Person', reason: 'Heated', actorName: 'Mod A' });
    expect(await listStaffActionKinds(modA)).toEqual(['post.hide', 'thread.lock', 'user.silence']);
  });

  it('filters by date (days inclusive) and pages by keyset without gaps or repeats', async () => {
    await rawSql()`update staff_actions set created_at = '2026-01-15T12:00:00Z' where action = 'thread.lock'`;
    await rawSql()`update staff_actions set created_at = '2026-02-01T09:00:00Z' where action <> 'thread.lock'`;
    expect((await listStaffActions(modA, { from: '2026-01-15', to: '2026-01-15' })).entries).toHaveLength(5);
    expect((await listStaffActions(modA, { to: '2026-01-14' })).entries).toHaveLength(0);
    expect((await listStaffActions(modA, { from: '2026-01-16', to: '2026-02-01' })).entries.map((e) => e.action).sort()).toEqual(['post.hide', 'user.silence']);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listStaffActions(modA, { limit: 3, cursor });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('is for moderators and admins only, and rejects bad filters clearly', async () => {
    expect((await errorOf(() => listStaffActions(member))).status).toBe(403);
    expect((await errorOf(() => listStaffActions(modA, { from: 'yesterday' }))).fields).toHaveProperty('from');
    expect((await errorOf(() => listStaffActions(modA, { cursor: 'abc' }))).fields).toHaveProperty('cursor');
    expect((await errorOf(() => listStaffActions(modA, { limit: 1000 }))).fields).toHaveProperty('limit');
  });

  it('is in the API with the same filters', async () => {
    const res = await staffLogRoute(apiRequest(await signedIn(modAUser), 'GET', `/api/v1/admin/staff-log?action=user.silence&target=${encodeURIComponent(target.email)}`), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.entries).toHaveLength(1);
    expect(body.nextCursor).toBeNull();
    const denied = await staffLogRoute(apiRequest(await signedIn(memberUser), 'GET', '/api/v1/admin/staff-log'), { params: Promise.resolve({}) });
    expect(denied.status).toBe(403);
  });
});
