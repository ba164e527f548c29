import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { mayManageEmailDomains } from '@/lib/policy';
import { parseInput } from '@/lib/validation';

const domainSchema = z
  .string({ message: 'Enter a domain, like nhs.net' })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'Enter a domain, like nhs.net (no @ or spaces)' });

export const addDomainInput = z.object({ domain: domainSchema });

/** The domain part of an email, lower case. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Whether an email's domain is on the allow-list (exact domain; subdomains must be listed themselves). */
export async function isAllowedEmailDomain(tx: Tx, email: string): Promise<boolean> {
  const [row] = await tx.select({ domain: schema.emailDomains.domain }).from(schema.emailDomains).where(eq(schema.emailDomains.domain, domainOf(email))).limit(1);
  return Boolean(row);
}

export async function listEmailDomains(actor: Actor) {
  if (!mayManageEmailDomains(actor)) throw Forbidden('Only admins manage email domains.');
  return getDb()
    .select({ domain: schema.emailDomains.domain, createdAt: schema.emailDomains.createdAt, addedBy: schema.users.name })
    .from(schema.emailDomains)
    .leftJoin(schema.users, eq(schema.users.id, schema.emailDomains.addedById))
    .orderBy(asc(schema.emailDomains.domain));
}

export async function addEmailDomain(actor: Actor, raw: unknown) {
  if (!mayManageEmailDomains(actor)) throw Forbidden('Only admins manage email domains.');
  const { domain } = parseInput(addDomainInput, raw);
  return getDb().transaction(async (tx) => {
    const inserted = await tx.insert(schema.emailDomains).values({ domain, addedById: actor.id }).onConflictDoNothing().returning();
    if (!inserted.length) throw Conflict(`${domain} is already on the list.`);
    await recordAudit(tx, { actorId: actor.id, action: 'email_domain.add', subjectType: 'email_domain', subjectId: domain, ip: actor.ip });
    await recordStaffAction(tx, { actorId: actor.id, action: 'email_domain.add', targetType: 'email_domain', targetId: domain });
    return { domain };
  });
}

export async function removeEmailDomain(actor: Actor, rawDomain: string) {
  if (!mayManageEmailDomains(actor)) throw Forbidden('Only admins manage email domains.');
  const domain = String(rawDomain).trim().toLowerCase();
  await getDb().transaction(async (tx) => {
    const removed = await tx.delete(schema.emailDomains).where(eq(schema.emailDomains.domain, domain)).returning();
    if (!removed.length) throw NotFound();
    await recordAudit(tx, { actorId: actor.id, action: 'email_domain.remove', subjectType: 'email_domain', subjectId: domain, ip: actor.ip });
    await recordStaffAction(tx, { actorId: actor.id, action: 'email_domain.remove', targetType: 'email_domain', targetId: domain });
  });
}
