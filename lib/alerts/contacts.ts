import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors';
import { isStaff } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { maskPhone, normaliseUkMobile } from './phone';

/** Organisations' key contacts (primary, deputies) and alert-only contacts: moderators and admins manage them. */
export const contactInput = z.object({
  odsCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, { message: 'Not a valid ODS code' }),
  role: z.enum(['primary', 'deputy', 'alert_only'], { message: 'Choose primary, deputy or alert-only' }),
  name: z.string().trim().min(1, { message: 'Enter a name' }).max(120, { message: 'Name must be 120 characters or fewer' }),
  mobile: z.string().trim().min(1, { message: 'Enter a UK mobile number' }).max(30, { message: 'Enter a UK mobile number' }),
});

export async function addOrganisationContact(actor: Actor, raw: unknown) {
  if (!isStaff(actor)) throw Forbidden('Only moderators and admins can manage key contacts.');
  const input = parseInput(contactInput, raw);
  const phone = normaliseUkMobile(input.mobile);
  if (!phone.ok) throw Invalid(phone.message, { mobile: [phone.message] });
  return getDb().transaction(async (tx) => {
    const [org] = await tx.select().from(schema.organisations).where(eq(schema.organisations.odsCode, input.odsCode));
    if (!org) throw Invalid(`No organisation has the ODS code ${input.odsCode}`, { odsCode: [`No organisation has the ODS code ${input.odsCode}`] });
    if (input.role === 'primary') {
      const [existing] = await tx
        .select({ id: schema.organisationContacts.id })
        .from(schema.organisationContacts)
        .where(and(eq(schema.organisationContacts.organisationId, org.id), eq(schema.organisationContacts.role, 'primary')));
      if (existing) throw Conflict(`${org.name} already has a primary contact: remove it first.`);
    }
    // A member with this verified mobile is linked, so the ledger names the person.
    const [member] = await tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(and(eq(schema.users.mobile, phone.e164), eq(schema.users.mobileVerified, true), eq(schema.users.organisationId, org.id)))
      .limit(1);
    const [row] = await tx
      .insert(schema.organisationContacts)
      .values({ organisationId: org.id, role: input.role, name: input.name, phone: phone.e164, userId: member?.id ?? null, createdById: actor.id })
      .onConflictDoNothing()
      .returning({ id: schema.organisationContacts.id });
    if (!row) throw Conflict('That number is already a contact of this organisation.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'contact.add',
      subjectType: 'organisation',
      subjectId: org.id,
      ip: actor.ip,
      detail: { contactId: row.id, role: input.role, phone: maskPhone(phone.e164) },
    });
    return { id: row.id };
  });
}

export async function removeOrganisationContact(actor: Actor, contactId: string) {
  if (!isStaff(actor)) throw Forbidden('Only moderators and admins can manage key contacts.');
  if (!z.uuid().safeParse(contactId).success) throw NotFound();
  await getDb().transaction(async (tx) => {
    const [row] = await tx.delete(schema.organisationContacts).where(eq(schema.organisationContacts.id, contactId)).returning();
    if (!row) throw NotFound();
    await recordAudit(tx, { actorId: actor.id, action: 'contact.remove', subjectType: 'organisation', subjectId: row.organisationId, ip: actor.ip, detail: { contactId, role: row.role } });
  });
}

export async function listOrganisationContacts(actor: Actor) {
  if (!isStaff(actor)) throw Forbidden('Only moderators and admins can manage key contacts.');
  const rows = await getDb()
    .select({
      id: schema.organisationContacts.id,
      role: schema.organisationContacts.role,
      name: schema.organisationContacts.name,
      phone: schema.organisationContacts.phone,
      hasAccount: schema.organisationContacts.userId,
      organisationName: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
    })
    .from(schema.organisationContacts)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.organisationContacts.organisationId))
    .orderBy(asc(schema.organisations.name), asc(schema.organisationContacts.role), asc(schema.organisationContacts.name));
  return rows.map(({ phone, hasAccount, ...r }) => ({ ...r, mobile: maskPhone(phone), hasAccount: hasAccount !== null }));
}

/** The organisations a contact can be added to (for the form). */
export async function organisationsForContacts(actor: Actor) {
  if (!isStaff(actor)) throw Forbidden('Only moderators and admins can manage key contacts.');
  return getDb().select({ odsCode: schema.organisations.odsCode, name: schema.organisations.name }).from(schema.organisations).orderBy(asc(schema.organisations.name));
}
