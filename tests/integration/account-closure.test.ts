import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { completeAccountClosure, FORMER_MEMBER_NAME, listClosureRequests, requestAccountClosure } from '@/lib/people/close-account';
import { exportMyData } from '@/lib/people/my-data';
import { actorFor, db, errorOf, makeChannel, makeUser, rawSql, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/**
 * People's own data (download) and closing an account (asked by the person with their password, completed by a
 * moderator): restricted room text only for rooms they are still in, never RED; closure anonymises, keeps posts.
 */
useTestDatabase();

let member: TestUser;
let moderator: TestUser;
let lead: TestUser;
let forumPostId: string;

async function room(tlp: 'AMBER' | 'RED', title: string) {
  const [r] = await rawSql()<{ id: string }[]>`
    insert into incident_rooms (reference, title, severity, tlp, summary, public_headline, created_by_id)
    values (${`INC-2026-${Math.floor(1000 + Math.random() * 8999)}`}, ${title}, 'moderate', ${tlp}, 'Restricted summary', 'Public headline', ${lead.id})
    returning id`;
  return r.id;
}
async function join(roomId: string, userId: string, removed = false) {
  await rawSql()`insert into room_members (room_id, user_id, role, source, granted_by_id, removed_at)
    values (${roomId}, ${userId}, 'member', 'person', ${lead.id}, ${removed ? new Date().toISOString() : null})`;
}
async function roomPost(roomId: string, body: string, tlp: 'AMBER' | 'RED' = 'AMBER') {
  await rawSql()`insert into room_posts (room_id, author_id, tlp, body_markdown, body_html, body_text) values (${roomId}, ${member.id}, ${tlp}, ${body}, ${body}, ${body})`;
}

beforeAll(async () => {
  member = await makeUser({ name: 'Dana Example', mobile: '+447700900777' });
  moderator = await makeUser({ role: 'moderator' });
  lead = await makeUser({ role: 'incident_lead' });
  await rawSql()`update users set username = 'dana', bio = 'I run the SOC', job_role = 'Analyst', totp_secret = 'secret-box-value' where id = ${member.id}`;
  const channel = await makeChannel();
  const [thread] = await db().insert(schema.threads).values({ channelId: channel.id, title: 'Patching Citrix', authorId: member.id }).returning();
  const [post] = await db().insert(schema.posts).values({ threadId: thread.id, authorId: member.id, bodyMarkdown: 'My public post', bodyHtml: '<p>My public post</p>', bodyText: 'My public post' }).returning();
  forumPostId = post.id;
  const stillIn = await room('AMBER', 'Room I am still in');
  const left = await room('AMBER', 'Room I have left');
  const red = await room('RED', 'Scarlet room');
  await join(stillIn, member.id);
  await join(left, member.id, true);
  await join(red, member.id);
  await roomPost(stillIn, 'AMBER text I may still see');
  await roomPost(stillIn, 'A RED post in an AMBER room', 'RED');
  await roomPost(left, 'Text from a room I left');
  await roomPost(red, 'Text from a RED room', 'RED');
  await rawSql()`insert into user_sessions (user_id, ip, user_agent, expires_at) values (${member.id}, '127.0.0.1', 'Firefox', now() + interval '1 day')`;
});

describe('downloading your own data', () => {
  it('has the profile, posts, sessions and own-account audit; room text only where still a member and never RED; no secrets; audited', async () => {
    const data = await exportMyData(actorFor(member));
    const json = JSON.stringify(data);
    expect(data.profile).toMatchObject({ id: member.id, name: 'Dana Example', username: 'dana', bio: 'I run the SOC', jobRole: 'Analyst', mobile: '+447700900777', twoFactorEnabled: false });
    expect(data.posts).toEqual([expect.objectContaining({ id: forumPostId, body: 'My public post', threadTitle: 'Patching Citrix' })]);
    expect(data.roomPosts.map((p) => p.body)).toEqual(['AMBER text I may still see']);
    expect(data.roomPosts[0]).toMatchObject({ tlp: 'AMBER', roomTitle: 'Room I am still in' });
    expect(data.roomPostsWithheld).toBe(3);
    expect(json).not.toMatch(/Text from a room I left|Scarlet room|Text from a RED room|A RED post|Room I have left/);
    expect(data.sessions).toEqual([expect.objectContaining({ ip: '127.0.0.1', userAgent: 'Firefox', revokedAt: null })]);
    expect(json).not.toContain(member.passwordHash);
    expect(json).not.toMatch(/secret-box-value|passwordHash|totpSecret|sessionVersion/);
    const audits = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.action, 'account.data_export'));
    expect(audits).toEqual([expect.objectContaining({ actorId: member.id, subjectId: member.id })]);
    // The download is in the next export's audit section.
    expect((await exportMyData(actorFor(member))).audit.map((a) => a.action)).toContain('account.data_export');
  });
});

describe('closing an account', () => {
  it('asking needs the right password: a wrong one is refused and writes nothing', async () => {
    const before = await rowCounts();
    expect(await errorOf(() => requestAccountClosure(actorFor(member), { password: 'not my password' }))).toMatchObject({ code: 'invalid', fields: { password: ['Enter your current password'] } });
    expect(await errorOf(() => requestAccountClosure(actorFor(member), {}))).toMatchObject({ code: 'invalid', fields: { password: expect.any(Array) } });
    const after = await rowCounts();
    // The wrong password counts against the re-authentication budget; nothing else is written.
    expect({ ...after, rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 });
    expect((await db().select().from(schema.users).where(eq(schema.users.id, member.id)))[0].closureRequestedAt).toBeNull();
  });

  it('only moderators see the queue and complete closures, and only for people who asked', async () => {
    expect(await errorOf(() => listClosureRequests(actorFor(member)))).toMatchObject({ code: 'forbidden' });
    const before = await rowCounts();
    expect(await errorOf(() => completeAccountClosure(actorFor(moderator), { userId: member.id }))).toMatchObject({ code: 'conflict' });
    expect(await errorOf(() => completeAccountClosure(actorFor(lead), { userId: member.id }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(() => completeAccountClosure(actorFor(moderator), { userId: 'nope' }))).toMatchObject({ code: 'invalid' });
    expect(await rowCounts()).toEqual(before);
  });

  it('a request, then a moderator closes it: anonymised, signed out, posts kept as “a former member”; audited and logged', async () => {
    const { requestedAt } = await requestAccountClosure(actorFor(member), { password: member.password });
    expect(requestedAt).toBeInstanceOf(Date);
    expect(await errorOf(() => requestAccountClosure(actorFor(member), { password: member.password }))).toMatchObject({ code: 'conflict' });
    expect((await listClosureRequests(actorFor(moderator))).map((r) => r.id)).toEqual([member.id]);

    const result = await completeAccountClosure(actorFor(moderator), { userId: member.id });
    expect(result.id).toBe(member.id);
    const [user] = await db().select().from(schema.users).where(eq(schema.users.id, member.id));
    expect(user).toMatchObject({
      name: FORMER_MEMBER_NAME,
      email: `closed-${member.id}@closed.invalid`,
      username: null,
      mobile: null,
      mobileVerified: false,
      bio: '',
      jobRole: '',
      totpSecret: null,
      status: 'closed',
    });
    expect(user.closedAt).toBeInstanceOf(Date);
    expect(user.sessionVersion).toBeGreaterThan(0);
    expect(await verifyPassword(member.password, user.passwordHash)).toBe(false);
    const sessions = await db().select().from(schema.userSessions).where(eq(schema.userSessions.userId, member.id));
    expect(sessions.every((s) => s.revokedAt !== null && s.revokedReason === 'account closed')).toBe(true);

    // Posts stay, by the same (now anonymous) account.
    const [post] = await db().select().from(schema.posts).where(eq(schema.posts.id, forumPostId));
    expect(post.authorId).toBe(member.id);
    expect((await rawSql()<{ n: number }[]>`select count(*)::int as n from room_posts where author_id = ${member.id}`)[0].n).toBe(4);

    const audit = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.subjectId, member.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.closure_requested', 'account.closed']));
    const staff = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetUserId, member.id));
    expect(staff).toEqual([expect.objectContaining({ actorId: moderator.id, action: 'user.close', targetType: 'user' })]);

    expect(await listClosureRequests(actorFor(moderator))).toEqual([]);
    const before = await rowCounts();
    expect(await errorOf(() => completeAccountClosure(actorFor(moderator), { userId: member.id }))).toMatchObject({ code: 'conflict' });
    expect(await rowCounts()).toEqual(before);
  });

  it('a moderator cannot close an admin’s account, nor their own', async () => {
    const admin = await makeUser({ role: 'admin' });
    await requestAccountClosure(actorFor(admin), { password: admin.password });
    await requestAccountClosure(actorFor(moderator), { password: moderator.password });
    expect(await errorOf(() => completeAccountClosure(actorFor(moderator), { userId: admin.id }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(() => completeAccountClosure(actorFor(moderator), { userId: moderator.id }))).toMatchObject({ code: 'forbidden' });
  });
});
