import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Db } from '@/db/client';
import { preparedPerDb } from '@/db/prepared';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayReadChannels } from '@/lib/policy';
import { parseInput, uuidParam } from '@/lib/validation';

export const watchInput = z.object({
  level: z.enum(['watching', 'tracking', 'muted', 'normal'], { message: 'Choose watching, tracking, normal or muted' }),
});

type Target = { type: 'thread' | 'channel'; id: string };

/**
 * A person's level for a thread or channel (the thread's own wins over its channel's; see watch-levels.ts):
 * watching: notified of every new post; tracking: new replies counted, notified of mentions and replies to them;
 * normal: notified of mentions and replies only; muted: notified of mentions only. Every choice is stored, normal
 * too, so it overrides the channel's level and stops reading the thread from tracking it (`markThreadRead`).
 */
export async function setWatch(actor: Actor, target: Target, raw: unknown) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(target.id).success) throw NotFound();
  const { level } = parseInput(watchInput, raw);
  await assertWatchable(actor, target);
  await getDb()
    .insert(schema.watches)
    .values({ userId: actor.id, targetType: target.type, targetId: target.id, level })
    .onConflictDoUpdate({ target: [schema.watches.userId, schema.watches.targetType, schema.watches.targetId], set: { level, updatedAt: new Date() } });
  return { ...target, level };
}

/** Your watch level of a thread or channel, for the API: the same 404 as setWatch for anything you may not read or that does not exist. */
export async function readWatch(actor: Actor, target: Target) {
  await assertWatchable(actor, target);
  return { level: await getWatch(actor, target) };
}

/** The thread or channel exists and the actor may read it; otherwise 404. */
async function assertWatchable(actor: Actor, target: Target) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(target.id).success) throw NotFound();
  const table = target.type === 'thread' ? schema.threads : schema.channels;
  const [exists] = await getDb().select({ id: table.id }).from(table).where(eq(table.id, target.id)).limit(1);
  if (!exists) throw NotFound();
}

/** Your level with no access check: for pages that have already loaded the thread or channel for you. */
export async function getWatch(actor: Actor, target: Target) {
  if (!uuidParam.safeParse(target.id).success) return 'normal' as const;
  const [row] = await watchLevelQuery(getDb()).execute({ userId: actor.id, targetType: target.type, targetId: target.id });
  return row?.level ?? 'normal';
}

/**
 * The level a thread page shows its reader: what governs their notifications for it. Their own level for the
 * thread; else their channel's (watching, tracking or muted); else tracking, because reading the thread tracks it
 * (`markThreadRead`). No access check: for the thread page, which has already loaded the thread for them.
 */
export async function threadWatchAsShown(actor: Actor, thread: { id: string; channelId: string }): Promise<WatchLevel> {
  const [row] = await threadAndChannelLevelQuery(getDb()).execute({ userId: actor.id, threadId: thread.id, channelId: thread.channelId });
  if (row?.threadLevel) return row.threadLevel;
  return row?.channelLevel && row.channelLevel !== 'normal' ? row.channelLevel : 'tracking';
}

type WatchLevel = z.infer<typeof watchInput>['level'];

const levelOf = (targetType: 'thread' | 'channel', targetId: string) =>
  sql<WatchLevel | null>`(select w.level from ${schema.watches} w where w.user_id = ${sql.placeholder('userId')}::uuid and w.target_type = ${targetType} and w.target_id = ${sql.placeholder(targetId)}::uuid)`;

const threadAndChannelLevelQuery = preparedPerDb((db: Db) =>
  db.select({ threadLevel: levelOf('thread', 'threadId'), channelLevel: levelOf('channel', 'channelId') }).from(sql`(select 1) one`).prepare('thread_watch_as_shown'),
);

/** Read on every thread and channel page: prepared once. */
const watchLevelQuery = preparedPerDb((db: Db) =>
  db
    .select({ level: schema.watches.level })
    .from(schema.watches)
    .where(
      and(
        eq(schema.watches.userId, sql.placeholder('userId')),
        eq(schema.watches.targetType, sql.placeholder('targetType')),
        eq(schema.watches.targetId, sql.placeholder('targetId')),
      ),
    )
    .limit(1)
    .prepare('watch_level'),
);
