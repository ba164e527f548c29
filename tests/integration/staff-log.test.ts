import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as staffLogRoute } from '@/app/api/v1/admin/staff-log/route';
import type { Actor } from '@/lib/auth/actor';
import { createThread } from '@/lib/forum/create-thread';
import { getThread } from '@/lib/forum/get-thread';
import { setThreadFlags } from '@/lib/forum/moderate-thread';
import { hidePost } from '@/lib/moderation/hide-post';
import { listStaffActionKinds, listStaffActions } from '@/lib/moderation/list-staff-actions';
import { liftExpiredSanctions } from '@/lib/moderation/lift-expired-sanctions';
import { silenceUser } from '@/lib/moderation/silence-user';
import { AUTOMATIC_ACTOR_NAME } from '@/lib/moderation/staff-log';
import { suspendUser } from '@/lib/moderation/suspend-user';
import { apiRequest, signedIn } from './api-fuzz-session';
import { actorFor, errorOf, makeChannel, makeUser, rawSql, useTestDatabase, type TestUser } from './harness';
import { startWebProcess } from './web-process';

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

    // Days are UK days: 00:30 on 1 June in British Summer Time is 23:30 on 31 May in UTC.
    await rawSql()`update staff_actions set created_at = '2026-06-01T00:30:00+01:00' where action = 'post.hide'`;
    expect((await listStaffActions(modA, { from: '2026-06-01', to: '2026-06-01' })).entries.map((e) => e.action)).toEqual(['post.hide']);
    expect((await listStaffActions(modA, { from: '2026-05-31', to: '2026-05-31' })).entries).toHaveLength(0);
    await rawSql()`update staff_actions set created_at = '2026-02-01T09:00:00Z' where action = 'post.hide'`;

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
    // A year PostgreSQL cannot take is a clear field error, not a 500.
    expect((await errorOf(() => listStaffActions(modA, { to: '0000-01-01' }))).fields).toHaveProperty('to');
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

describe('sanctions lifted by Watchroom itself', () => {
  it('logs each lift once, as done by “Watchroom (automatic)”, in the log, the API and its filters, and the page', async () => {
    const quiet = await makeUser({ name: 'Quiet Quinn' });
    const away = await makeUser({ name: 'Away Avery' });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    await silenceUser(modA, quiet.id, { until: tomorrow, reason: 'Cooling off' });
    await suspendUser(modA, away.id, { until: tomorrow, reason: 'Investigation' });
    // Their end dates pass (moved back rather than waited for).
    await rawSql()`update users set silenced_until = now() - interval '1 minute' where id = ${quiet.id}`;
    await rawSql()`update users set suspended_until = now() - interval '1 minute' where id = ${away.id}`;

    // Two runs at once (two worker processes), then a third: each lift is logged exactly once.
    const runs = await Promise.all([liftExpiredSanctions(), liftExpiredSanctions()]);
    expect(runs.reduce((sum, r) => sum + r.unsilenced, 0)).toBe(1);
    expect(runs.reduce((sum, r) => sum + r.unsuspended, 0)).toBe(1);
    expect(await liftExpiredSanctions()).toEqual({ unsilenced: 0, unsuspended: 0 });
    const rows = await rawSql()<{ action: string; actor_id: string | null; automatic: boolean; target_user_id: string }[]>`
      select action, actor_id, automatic, target_user_id from staff_actions where action like '%_expired' order by id`;
    expect(rows).toEqual([
      { action: 'user.silence_expired', actor_id: null, automatic: true, target_user_id: quiet.id },
      { action: 'user.suspension_expired', actor_id: null, automatic: true, target_user_id: away.id },
    ]);

    const moderator = await signedIn(modAUser);
    const get = async (query: string) => {
      const res = await staffLogRoute(apiRequest(moderator, 'GET', `/api/v1/admin/staff-log?${query}`), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      return (await res.json()) as { entries: Record<string, unknown>[] };
    };
    const silences = await get('action=user.silence_expired');
    expect(silences.entries).toEqual([
      expect.objectContaining({
        automatic: true,
        actorId: null,
        actorName: AUTOMATIC_ACTOR_NAME,
        targetUserId: quiet.id,
        targetUserName: 'Quiet Quinn',
        reason: 'The silence reached its end date.',
        detail: { endedAt: expect.any(String) },
      }),
    ]);
    expect(AUTOMATIC_ACTOR_NAME).toBe('Watchroom (automatic)');
    expect((await get(`target=${encodeURIComponent(away.email)}`)).entries.map((e) => [e.action, e.actorName])).toEqual([
      ['user.suspension_expired', AUTOMATIC_ACTOR_NAME],
      ['user.suspend', 'Mod A'],
    ]);
    // A filter on who acted names a person: Watchroom's own entries are not theirs.
    const byModA = await get(`actor=${encodeURIComponent(modA.email)}`);
    expect(byModA.entries.length).toBeGreaterThan(0);
    expect(byModA.entries.filter((e) => e.automatic)).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`from=${today}&to=${today}&action=user.suspension_expired`)).entries).toHaveLength(1);
    expect(await listStaffActionKinds(modA)).toEqual(expect.arrayContaining(['user.silence_expired', 'user.suspension_expired']));
    // The page moderators read shows it too, and its action filter offers the new kinds.
    const web = await startWebProcess();
    try {
      const res = await web.get('/admin/staff-log?action=user.suspension_expired', moderator.cookie);
      expect(res.status).toBe(200);
      const { document } = new JSDOM(await res.text()).window;
      const rows = [...document.querySelectorAll('[data-testid="staff-log"] tbody tr')];
      expect(rows.map((r) => r.getAttribute('data-action'))).toEqual(['user.suspension_expired']);
      const cells = [...rows[0].querySelectorAll('td')].map((td) => td.textContent?.trim());
      expect(cells.slice(1)).toEqual([AUTOMATIC_ACTOR_NAME, 'user.suspension_expired', 'Away Avery', 'The suspension reached its end date.']);
      expect(rows[0].querySelector('td[data-automatic="true"]')).not.toBeNull();
      const options = [...document.querySelectorAll('#filter-action option')].map((o) => o.getAttribute('value'));
      expect(options).toEqual(expect.arrayContaining(['user.silence_expired', 'user.suspension_expired']));

      // A bad filter: the error summary links each message to its field, labelled; the page cursor has no field to link to.
      const bad = new JSDOM(await (await web.get('/admin/staff-log?from=yesterday&cursor=junk', moderator.cookie)).text()).window.document;
      const items = [...bad.querySelectorAll('.nhsuk-error-summary li')].map((li) => ({ text: li.textContent, href: li.querySelector('a')?.getAttribute('href') ?? null }));
      expect(items).toEqual(
        expect.arrayContaining([
          { text: 'From date: Use a date like 2026-01-31', href: '#filter-from' },
          { text: 'Not a valid page cursor', href: null },
        ]),
      );
      expect(bad.querySelector('#filter-from')).not.toBeNull();
      // The member search says the same way what is wrong with the query, linked to its box.
      const search = new JSDOM(await (await web.get('/admin/moderation?q=x', moderator.cookie)).text()).window.document;
      const link = search.querySelector('.nhsuk-error-summary li a');
      expect([link?.textContent, link?.getAttribute('href')]).toEqual(['Enter at least 2 characters', '#q']);
      expect(search.querySelector('#q')).not.toBeNull();
    } finally {
      await web.stop();
    }
    // Every entry has either an acting person or the automatic mark, never neither.
    await expect(rawSql()`insert into staff_actions (action, target_type) values ('user.silence_expired', 'user')`).rejects.toThrow(/staff_actions_actor_or_automatic/);
  }, 120_000);
});
