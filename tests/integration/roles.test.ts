import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { changeUserRole, listUsers } from '@/lib/people/roles';
import { actorFor, db, errorOf, makeUser, randomId, rowCounts, schema, useTestDatabase } from './harness';

/** Role changes: admins only, with a reason, audited, signs the person out everywhere; the last admin stays. */
useTestDatabase();

const userRow = async (id: string) => (await db().select().from(schema.users).where(eq(schema.users.id, id)))[0];

async function openSession(userId: string) {
  const [s] = await db()
    .insert(schema.userSessions)
    .values({ userId, expiresAt: new Date(Date.now() + 3_600_000) })
    .returning();
  return s;
}

describe('changing roles', () => {
  it('an admin changes a role with a reason: audited with who and why, staff-logged, signed out everywhere', async () => {
    const admin = actorFor(await makeUser({ role: 'admin' }));
    const person = await makeUser({ role: 'member' });
    const session = await openSession(person.id);
    const result = await changeUserRole(admin, person.id, { role: 'incident_lead', reason: 'Leads the trust’s incident response' });
    expect(result).toEqual({ id: person.id, role: 'incident_lead', previousRole: 'member' });

    const after = await userRow(person.id);
    expect(after.role).toBe('incident_lead');
    expect(after.sessionVersion).toBe(person.sessionVersion + 1);
    const [revoked] = await db().select().from(schema.userSessions).where(eq(schema.userSessions.id, session.id));
    expect(revoked.revokedAt).not.toBeNull();

    const [audit] = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, 'user.role_change'), eq(schema.auditEvents.subjectId, person.id)));
    expect(audit).toMatchObject({ actorId: admin.id, detail: { from: 'member', to: 'incident_lead', reason: 'Leads the trust’s incident response' } });
    const [logged] = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetUserId, person.id));
    expect(logged).toMatchObject({ actorId: admin.id, action: 'user.role_change', reason: 'Leads the trust’s incident response', detail: { from: 'member', to: 'incident_lead' } });
  });

  it('refuses bad input with a clear 400 and changes nothing', async () => {
    const admin = actorFor(await makeUser({ role: 'admin' }));
    const person = await makeUser();
    const before = await rowCounts();
    const cases: [unknown, string][] = [
      [{ role: 'moderator' }, 'reason'],
      [{ role: 'moderator', reason: '  ' }, 'reason'],
      [{ role: 'superuser', reason: 'x' }, 'role'],
      [{ role: 'member', reason: 'already a member' }, 'role'],
    ];
    for (const [raw, field] of cases) {
      const error = await errorOf(() => changeUserRole(admin, person.id, raw));
      expect(error.status).toBe(400);
      expect(error.fields).toHaveProperty(field);
    }
    expect(await rowCounts()).toEqual(before);
    expect((await userRow(person.id)).sessionVersion).toBe(person.sessionVersion);
  });

  it('only admins change roles; an unknown user is a 404', async () => {
    const person = await makeUser();
    for (const role of ['member', 'incident_lead', 'moderator'] as const) {
      const actor = actorFor(await makeUser({ role }));
      expect((await errorOf(() => changeUserRole(actor, person.id, { role: 'admin', reason: 'self-promotion' }))).status).toBe(403);
      expect((await errorOf(() => listUsers(actor))).status).toBe(403);
    }
    const admin = actorFor(await makeUser({ role: 'admin' }));
    expect((await errorOf(() => changeUserRole(admin, randomId(), { role: 'admin', reason: 'x' }))).status).toBe(404);
    expect((await userRow(person.id)).role).toBe('member');
  });
});

describe('the last admin', () => {
  it('cannot remove their own admin role while they are the only admin; can once another admin exists', async () => {
    // Demote every other admin this file made, leaving one.
    const admins = await db().select().from(schema.users).where(eq(schema.users.role, 'admin'));
    const last = admins[0];
    const lastActor: Actor = actorFor(last);
    for (const other of admins.slice(1)) await changeUserRole(lastActor, other.id, { role: 'member', reason: 'tidy up' });

    const before = await rowCounts();
    const error = await errorOf(() => changeUserRole(lastActor, last.id, { role: 'moderator', reason: 'stepping down' }));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/at least one admin/);
    expect(await rowCounts()).toEqual(before);
    expect((await userRow(last.id)).role).toBe('admin');

    const successor = await makeUser({ role: 'member' });
    await changeUserRole(lastActor, successor.id, { role: 'admin', reason: 'handover' });
    await changeUserRole(lastActor, last.id, { role: 'moderator', reason: 'stepping down' });
    expect((await userRow(last.id)).role).toBe('moderator');
  });

  it('a suspended admin does not count as the remaining admin', async () => {
    const active = await makeUser({ role: 'admin' });
    await makeUser({ role: 'admin', status: 'suspended' });
    // Every other active admin steps down first.
    const others = (await db().select().from(schema.users).where(and(eq(schema.users.role, 'admin'), eq(schema.users.status, 'active')))).filter((u) => u.id !== active.id);
    for (const o of others) await changeUserRole(actorFor(active), o.id, { role: 'member', reason: 'tidy up' });
    expect((await errorOf(() => changeUserRole(actorFor(active), active.id, { role: 'member', reason: 'leaving' }))).status).toBe(409);
  });
});

describe('the user list', () => {
  it('admins search by name, email or username and filter by role and status', async () => {
    const admin = actorFor((await db().select().from(schema.users).where(and(eq(schema.users.role, 'admin'), eq(schema.users.status, 'active'))))[0]);
    const zed = await makeUser({ name: 'Zebedee Quartermain' });
    const suspended = await makeUser({ name: 'Zebedee Suspendedson', status: 'suspended' });
    const found = await listUsers(admin, { q: 'zebedee' });
    expect(found.map((u) => u.id).sort()).toEqual([zed.id, suspended.id].sort());
    expect(found.find((u) => u.id === suspended.id)).toMatchObject({ status: 'suspended', role: 'member' });
    expect((await listUsers(admin, { q: 'zebedee', status: 'active' })).map((u) => u.id)).toEqual([zed.id]);
    expect((await listUsers(admin, { q: zed.email })).map((u) => u.id)).toEqual([zed.id]);
    expect((await listUsers(admin, { q: '%' })).map((u) => u.id)).not.toContain(zed.id);
    expect((await errorOf(() => listUsers(admin, { role: 'king' }))).status).toBe(400);
  });
});
