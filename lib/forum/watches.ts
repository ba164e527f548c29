import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Db } from '@/db/client';
import { preparedPerDb } from '@/db/prepared';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayReadChannels } from '@/lib/policy';
import { parseInput, uuidParam } from '@/lib/validation';
import { governingLevelSql } from './watch-precedence';

export const watchInput = z.object({
  level: z.enum(['watching', 'tracking', 'muted', 'normal'], { message: 'Choose watching, tracking, normal or muted' }),
});

type Target = { type: 'thread' | 'channel'; id: string };

/**
 * A person chooses their level for a thread or channel (which one governs: `governingLevelSql`): watching: notified
 * of every new post; tracking: new replies counted, notified of mentions and replies to them; normal: notified of
 * mentions and replies only; muted: notified of mentions only. Every choice is stored, normal too, and replaces
 * the tracking Watchroom set by itself (`automatic`).
 */
export async function setWatch(actor: Actor, target: Target, raw: unknown) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(target.id).success) throw NotFound();
  const { level } = parseInput(watchInput, raw);
  await assertWatchable(actor, target);
  await getDb()
    .insert(schema.watches)
    .values({ userId: actor.id, targetType: target.type, targetId: target.id, level, automatic: false })
    .onConflictDoUpdate({
      target: [schema.watches.userId, schema.watches.targetType, schema.watches.targetId],
      set: { level, automatic: false, updatedAt: new Date() },
    });
  return { ...target, level };
}

/**
 * For the API, with the same 404 as setWatch for anything you may not read or that does not exist: your level for
 * a channel; for a thread, the level that governs it (`governingLevelSql`), and whether you chose it for the thread.
 */
export async function readWatch(actor: Actor, target: Target) {
  const channelId = await assertWatchable(actor, target);
  if (target.type === 'channel') return { level: await getChannelWatch(actor, target.id) };
  const [row] = await threadLevelQuery(getDb()).execute({ userId: actor.id, threadId: target.id, channelId });
  return { level: row.governing, chosen: row.chosen };
}

/** The thread or channel exists and the actor may read it (otherwise 404); its channel's id. */
async function assertWatchable(actor: Actor, target: Target): Promise<string> {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(target.id).success) throw NotFound();
  const [row] =
    target.type === 'thread'
      ? await getDb().select({ channelId: schema.threads.channelId }).from(schema.threads).where(eq(schema.threads.id, target.id)).limit(1)
      : await getDb().select({ channelId: schema.channels.id }).from(schema.channels).where(eq(schema.channels.id, target.id)).limit(1);
  if (!row) throw NotFound();
  return row.channelId;
}

/** Your level for a channel, with no access check: for the channel page, which has already loaded it for you. */
export async function getChannelWatch(actor: Actor, channelId: string) {
  if (!uuidParam.safeParse(channelId).success) return 'normal' as const;
  const [row] = await channelLevelQuery(getDb()).execute({ userId: actor.id, channelId });
  return row?.level ?? 'normal';
}

/**
 * The level a thread page shows its reader: the one that governs them (`governingLevelSql`), and tracking when
 * nothing else does, as reading the thread tracks it. No access check: the page has already loaded the thread.
 */
export async function threadWatchAsShown(actor: Actor, thread: { id: string; channelId: string }): Promise<WatchLevel> {
  const [row] = await threadLevelQuery(getDb()).execute({ userId: actor.id, threadId: thread.id, channelId: thread.channelId });
  return row.asShown;
}

type WatchLevel = z.infer<typeof watchInput>['level'];

/** One person's rows for a thread and its channel, and the levels that follow: prepared once. */
const threadLevelQuery = preparedPerDb((db: Db) => {
  const rows = sql`(select 1) one
    left join ${schema.watches} tw on tw.user_id = ${sql.placeholder('userId')}::uuid and tw.target_type = 'thread' and tw.target_id = ${sql.placeholder('threadId')}::uuid
    left join ${schema.watches} cw on cw.user_id = ${sql.placeholder('userId')}::uuid and cw.target_type = 'channel' and cw.target_id = ${sql.placeholder('channelId')}::uuid`;
  const governing = (fallback: 'normal' | 'tracking') =>
    sql<WatchLevel>`${sql.raw(governingLevelSql({ level: 'tw.level', automatic: 'tw.automatic' }, 'cw.level', fallback))}`;
  return db
    .select({ governing: governing('normal'), asShown: governing('tracking'), chosen: sql<boolean>`coalesce(not tw.automatic, false)` })
    .from(rows)
    .prepare('thread_watch_levels');
});

/** Read on every channel page: prepared once. */
const channelLevelQuery = preparedPerDb((db: Db) =>
  db
    .select({ level: schema.watches.level })
    .from(schema.watches)
    .where(
      and(
        eq(schema.watches.userId, sql.placeholder('userId')),
        eq(schema.watches.targetType, 'channel'),
        eq(schema.watches.targetId, sql.placeholder('channelId')),
      ),
    )
    .limit(1)
    .prepare('channel_watch_level'),
);
