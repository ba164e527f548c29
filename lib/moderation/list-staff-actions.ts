import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { filterDate, ukDayStart } from '@/db/uk-day';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { mayModerate } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { AUTOMATIC_ACTOR_NAME } from './staff-log';

const person = z.string().trim().max(320, { message: 'Enter an email address or id' }).optional();
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const staffLogInput = z.object({
  /** Who acted / whom it was about: an email address or a user id. */
  actor: z.preprocess(blankToUndefined, person),
  target: z.preprocess(blankToUndefined, person),
  action: z.preprocess(blankToUndefined, z.string().trim().max(100, { message: 'Choose an action' }).regex(/^[a-z_.]+$/, { message: 'Choose an action' }).optional()),
  from: z.preprocess(blankToUndefined, filterDate.optional()),
  to: z.preprocess(blankToUndefined, filterDate.optional()),
  /** The id of the last entry of the previous page. */
  cursor: z.preprocess(blankToUndefined, z.string().regex(/^\d{1,18}$/, { message: 'Not a valid page cursor' }).optional()),
  limit: z.preprocess(blankToUndefined, z.coerce.number({ message: 'Limit must be a number' }).int().min(1).max(100).default(50)),
});

const actorUser = alias(schema.users, 'actor_user');
const targetUser = alias(schema.users, 'target_user');

function personIs(table: { id: AnyPgColumn; email: AnyPgColumn; username: AnyPgColumn }, value: string | undefined): SQL | undefined {
  if (!value) return undefined;
  return /^[0-9a-f-]{36}$/i.test(value) ? eq(table.id, value) : or(eq(table.email, value.toLowerCase()), eq(table.username, value.toLowerCase().replace(/^@/, '')));
}

/**
 * The staff action log, newest first, for moderators and admins: filter by who acted, what they did,
 * whom it was about and when. Entries Watchroom made by itself have `automatic: true`, no `actorId` and
 * the actor name "Watchroom (automatic)"; a filter on who acted names a person, so it leaves them out.
 * Pages by keyset (`cursor` = the last id seen), so paging stays fast and stable while new entries arrive.
 */
export async function listStaffActions(actor: Actor, raw: unknown = {}) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators and admins can read the staff action log.');
  const input = parseInput(staffLogInput, raw ?? {});
  const rows = await getDb()
    .select({
      id: schema.staffActions.id,
      action: schema.staffActions.action,
      targetType: schema.staffActions.targetType,
      targetId: schema.staffActions.targetId,
      reason: schema.staffActions.reason,
      detail: schema.staffActions.detail,
      createdAt: schema.staffActions.createdAt,
      automatic: schema.staffActions.automatic,
      actorId: actorUser.id,
      actorName: actorUser.name,
      targetUserId: targetUser.id,
      targetUserName: targetUser.name,
    })
    .from(schema.staffActions)
    // Watchroom's own actions (a sanction lifted at its end date) have no acting person.
    .leftJoin(actorUser, eq(actorUser.id, schema.staffActions.actorId))
    .leftJoin(targetUser, eq(targetUser.id, schema.staffActions.targetUserId))
    .where(
      and(
        personIs(actorUser, input.actor) ?? sql`true`,
        input.target ? personIs(targetUser, input.target) : sql`true`,
        input.action ? eq(schema.staffActions.action, input.action) : sql`true`,
        input.from ? gte(schema.staffActions.createdAt, ukDayStart(input.from)) : sql`true`,
        input.to ? lt(schema.staffActions.createdAt, ukDayStart(input.to, 1)) : sql`true`,
        input.cursor ? lt(schema.staffActions.id, Number(input.cursor)) : sql`true`,
      ),
    )
    .orderBy(desc(schema.staffActions.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    entries: page.map((r) => ({ ...r, id: String(r.id), actorName: r.automatic ? AUTOMATIC_ACTOR_NAME : (r.actorName ?? ''), detail: publicDetail(r.detail) })),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null,
  };
}

/** The actions that appear in the log, for the filter. */
export async function listStaffActionKinds(actor: Actor): Promise<string[]> {
  if (!mayModerate(actor)) throw Forbidden('Only moderators and admins can read the staff action log.');
  const rows = await getDb().selectDistinct({ action: schema.staffActions.action }).from(schema.staffActions).orderBy(schema.staffActions.action);
  return rows.map((r) => r.action);
}

/** Details are ids, dates and counts written by our own use cases; strings are kept short for the table. */
function publicDetail(detail: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : v]));
}
