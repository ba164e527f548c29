import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { dropLiveConnections, revokeAllSessions } from '@/lib/auth/sign-out-everywhere';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { mayManageUsers } from '@/lib/policy';
import { parseInput, uuidParam } from '@/lib/validation';

export const ROLES = schema.userRole.enumValues;

export const roleChangeInput = z.object({
  role: z.enum(ROLES, { message: `Choose a role: ${ROLES.join(', ')}` }),
  reason: z
    .string({ message: 'Give a reason for the change' })
    .trim()
    .min(1, { message: 'Give a reason for the change' })
    .max(1000, { message: 'Reason must be 1,000 characters or fewer' }),
});

export const userListQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  role: z.enum(ROLES).optional(),
  status: z.enum(schema.userStatus.enumValues).optional(),
});

/** Admins' list of every account (any status), searchable by name, email or username. */
export async function listUsers(actor: Actor, raw: unknown = {}) {
  if (!mayManageUsers(actor)) throw Forbidden('Only admins manage users.');
  const query = parseInput(userListQuery, raw ?? {});
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(schema.users.name, pattern), ilike(schema.users.email, pattern), ilike(schema.users.username, pattern))!);
  }
  if (query.role) conditions.push(eq(schema.users.role, query.role));
  if (query.status) conditions.push(eq(schema.users.status, query.status));
  return getDb()
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      username: schema.users.username,
      role: schema.users.role,
      status: schema.users.status,
      organisation: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
      lastActiveAt: schema.users.lastActiveAt,
    })
    .from(schema.users)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(schema.users.name))
    .limit(500);
}

/**
 * An admin changes someone's role, with a reason (audited and in the staff action log). The last active
 * admin cannot lose the role. The person is signed out everywhere: their MFA requirement may have changed.
 */
export async function changeUserRole(actor: Actor, userId: string, raw: unknown) {
  if (!mayManageUsers(actor)) throw Forbidden('Only admins change roles.');
  if (!uuidParam.safeParse(userId).success) throw NotFound();
  const input = parseInput(roleChangeInput, raw);
  const result = await getDb().transaction(async (tx) => {
    // Lock the admins first so two concurrent demotions cannot both see "another admin remains".
    const admins = await tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(and(eq(schema.users.role, 'admin'), eq(schema.users.status, 'active')))
      .for('update');
    const [user] = await tx.select({ id: schema.users.id, role: schema.users.role }).from(schema.users).where(eq(schema.users.id, userId)).for('update').limit(1);
    if (!user) throw NotFound();
    if (user.role === input.role) throw Invalid(`They are already ${input.role.replace('_', ' ')}.`, { role: ['Choose a different role'] });
    if (user.role === 'admin' && admins.length <= 1 && admins.some((a) => a.id === user.id)) {
      throw Conflict('Watchroom needs at least one admin: make someone else admin first.');
    }
    await tx.update(schema.users).set({ role: input.role }).where(eq(schema.users.id, userId));
    await revokeAllSessions(tx, userId, 'role_changed');
    const detail = { from: user.role, to: input.role };
    await recordAudit(tx, { actorId: actor.id, action: 'user.role_change', subjectType: 'user', subjectId: userId, ip: actor.ip, detail: { ...detail, reason: input.reason } });
    await recordStaffAction(tx, { actorId: actor.id, action: 'user.role_change', targetType: 'user', targetId: userId, targetUserId: userId, reason: input.reason, detail });
    return { id: userId, role: input.role, previousRole: user.role };
  });
  dropLiveConnections(userId);
  return result;
}


/** One account for the admin's role-change page. */
export async function getUserForAdmin(actor: Actor, userId: string) {
  if (!mayManageUsers(actor)) throw Forbidden('Only admins manage users.');
  if (!uuidParam.safeParse(userId).success) throw NotFound();
  const [user] = await getDb()
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      status: schema.users.status,
      organisation: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
    })
    .from(schema.users)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(eq(schema.users.id, userId))
    .limit(1);
  if (!user) throw NotFound();
  return user;
}
