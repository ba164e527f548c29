import { asc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { isStaff } from '@/lib/policy';
import { emitChannelUpdated } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';

const name = z.string().trim().min(1, { message: 'Enter a name' }).max(80, { message: 'Name must be 80 characters or fewer' });
const description = z.string().trim().max(500, { message: 'Description must be 500 characters or fewer' });

export const createChannelInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'Use lower-case letters, digits and single hyphens' })
    .max(60),
  name,
  description: description.default(''),
});

export const updateChannelInput = z
  .object({ name: name.optional(), description: description.optional(), position: z.number().int().min(0).max(10_000).optional(), archived: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

function assertModerator(actor: Actor) {
  if (!isStaff(actor)) throw Forbidden('Only moderators can manage channels.');
}

export async function createChannel(actor: Actor, raw: unknown) {
  assertModerator(actor);
  const input = parseInput(createChannelInput, raw);
  return getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: schema.channels.id }).from(schema.channels).where(eq(schema.channels.slug, input.slug)).limit(1);
    if (taken) throw Conflict(`A channel with the address “${input.slug}” already exists.`);
    const [{ last }] = await tx.select({ last: max(schema.channels.position) }).from(schema.channels);
    const [channel] = await tx
      .insert(schema.channels)
      .values({ ...input, position: (last ?? -1) + 1 })
      .returning({ id: schema.channels.id, slug: schema.channels.slug });
    await recordAudit(tx, { actorId: actor.id, action: 'channel.create', subjectType: 'channel', subjectId: channel.id, ip: actor.ip, detail: { slug: input.slug } });
    await recordStaffAction(tx, { actorId: actor.id, action: 'channel.create', targetType: 'channel', targetId: channel.id, detail: { slug: input.slug, name: input.name } });
    return channel;
  });
}

/**
 * Renames, describes, moves or (un)archives a channel; in the audit trail and the staff log (as
 * `channel.archive` / `channel.restore` when that is what changed). Open channel pages are told.
 */
export async function updateChannel(actor: Actor, slug: string, raw: unknown) {
  assertModerator(actor);
  const input = parseInput(updateChannelInput, raw);
  const updated = await getDb().transaction(async (tx) => {
    const [channel] = await tx.select().from(schema.channels).where(eq(schema.channels.slug, slug)).for('update').limit(1);
    if (!channel) throw NotFound();
    const { archived, ...rest } = input;
    await tx
      .update(schema.channels)
      .set({ ...rest, ...(archived === undefined ? {} : { archivedAt: archived ? (channel.archivedAt ?? new Date()) : null }) })
      .where(eq(schema.channels.id, channel.id));
    await recordAudit(tx, { actorId: actor.id, action: 'channel.update', subjectType: 'channel', subjectId: channel.id, ip: actor.ip, detail: input });
    const action = archived === undefined || archived === (channel.archivedAt !== null) ? 'channel.update' : archived ? 'channel.archive' : 'channel.restore';
    await recordStaffAction(tx, { actorId: actor.id, action, targetType: 'channel', targetId: channel.id, detail: { slug: channel.slug, ...input } });
    return { id: channel.id, slug: channel.slug };
  });
  emitChannelUpdated(updated.id);
  return updated;
}

/** Staff see archived channels too, to restore them. */
export async function listAllChannels(actor: Actor) {
  assertModerator(actor);
  return getDb().select().from(schema.channels).orderBy(asc(schema.channels.position), asc(schema.channels.name));
}
