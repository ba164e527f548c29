import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { NotFound } from '@/lib/errors';
import { parseInput, uuidParam } from '@/lib/validation';

export const sponsorResponseInput = z
  .object({
    decision: z.enum(['vouch', 'decline'], { message: 'Choose whether you vouch for them' }),
    note: z.string().trim().max(1000, { message: 'Note must be 1,000 characters or fewer' }).optional().default(''),
  })
  .refine((v) => v.decision === 'vouch' || v.note.length > 0, { message: 'Say why you decline', path: ['note'] });

/** Requests that name the actor as sponsor and wait for their answer. Only the sponsor sees them. */
export async function listSponsorRequests(actor: Actor) {
  return getDb()
    .select({
      id: schema.signupRequests.id,
      name: schema.signupRequests.name,
      email: schema.signupRequests.email,
      jobRole: schema.signupRequests.jobRole,
      organisation: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
      createdAt: schema.signupRequests.createdAt,
    })
    .from(schema.signupRequests)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.signupRequests.organisationId))
    .where(and(eq(schema.signupRequests.sponsorId, actor.id), eq(schema.signupRequests.status, 'awaiting_sponsor')))
    .orderBy(asc(schema.signupRequests.createdAt));
}

/** The sponsor vouches or declines (with a note); either way the request moves to the moderators' queue. */
export async function respondAsSponsor(actor: Actor, requestId: string, raw: unknown) {
  if (!uuidParam.safeParse(requestId).success) throw NotFound();
  const input = parseInput(sponsorResponseInput, raw);
  const decision = input.decision === 'vouch' ? 'vouched' : 'declined';
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.signupRequests)
      .set({ status: 'pending', sponsorDecision: decision, sponsorNote: input.note, sponsorRespondedAt: new Date() })
      .where(and(eq(schema.signupRequests.id, requestId), eq(schema.signupRequests.sponsorId, actor.id), eq(schema.signupRequests.status, 'awaiting_sponsor')))
      .returning({ id: schema.signupRequests.id });
    if (!updated) throw NotFound();
    await recordAudit(tx, { actorId: actor.id, action: `signup.sponsor_${decision}`, subjectType: 'signup', subjectId: requestId, ip: actor.ip, detail: { note: input.note } });
    return { id: requestId, sponsorDecision: decision };
  });
}
