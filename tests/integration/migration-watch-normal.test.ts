import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { setWatch } from '@/lib/forum/watches';
import { actorFor, db, makeChannel, makeUser, rawSql, schema, useTestDatabase } from './harness';

useTestDatabase();

/** The data step of migration 0003: reading a thread now tracks it, so the threads read before keep their counts. */
const backfill = fs
  .readFileSync(path.join(process.cwd(), 'db/migrations/0003_watch_level_normal.sql'), 'utf8')
  .split('--> statement-breakpoint')[1];

describe('migration 0003 (watch level normal)', () => {
  it('tracks the threads each person had read, unless they chose a level for the thread or its channel', async () => {
    const reader = actorFor(await makeUser());
    const author = actorFor(await makeUser());
    const plain = await makeChannel();
    const muted = await makeChannel();
    const read = await createThread(author, plain.slug, { title: 'Read before the upgrade', body: 'a' });
    const watched = await createThread(author, plain.slug, { title: 'Watched before the upgrade', body: 'b' });
    const inMuted = await createThread(author, muted.slug, { title: 'In a muted channel', body: 'c' });
    await setWatch(reader, { type: 'thread', id: watched.id }, { level: 'watching' });
    await setWatch(reader, { type: 'channel', id: muted.id }, { level: 'muted' });
    // As before the upgrade: read, with no thread level of their own.
    for (const t of [read, watched, inMuted]) {
      await db().insert(schema.threadReads).values({ userId: reader.id, threadId: t.id, readPostCount: 1 });
    }

    await rawSql().unsafe(backfill);
    await rawSql().unsafe(backfill); // and running it again changes nothing

    const levels = Object.fromEntries((await db().select().from(schema.watches).where(eq(schema.watches.userId, reader.id))).map((w) => [w.targetId, w.level]));
    expect(levels).toEqual({ [read.id]: 'tracking', [watched.id]: 'watching', [muted.id]: 'muted' });
    await createPost(author, read.id, { body: 'after the upgrade' });
    expect((await listThreads(reader, plain.slug)).threads.find((t) => t.id === read.id)?.newPosts).toBe(1);
  });
});
