import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { search } from '@/lib/search';
import { actorFor, makeChannel, makeUser, rawSql, useTestDatabase } from './harness';

/**
 * The search form's dates are UK calendar days, as every date on the pages is shown in UK time
 * (Europe/London): in British Summer Time a UK day starts at 23:00 UTC the day before.
 */
useTestDatabase();

let lead: Actor;

beforeAll(async () => {
  lead = actorFor(await makeUser({ role: 'incident_lead' }));
});

/** A thread's first post, a reply and an incident-room post, each with a word of its own, all created at `instant`. */
async function postsAt(word: string, instant: string) {
  const channel = await makeChannel();
  const thread = await createThread(lead, channel.slug, { title: `${word}title about the outage`, body: `${word}first opening post` });
  const reply = await createPost(lead, thread.id, { body: `${word}reply in the thread` });
  const room = await createRoom(lead, { title: 'Date filter room', severity: 'low', tlp: 'AMBER', summary: 'dates', publicHeadline: 'An incident', invite: { users: [] } });
  const roomPost = await createRoomPost(lead, room.id, { body: `${word}room update`, tlp: 'AMBER' });
  await rawSql()`update posts set created_at = ${instant}::timestamptz where thread_id = ${thread.id}`;
  await rawSql()`update room_posts set created_at = ${instant}::timestamptz where id = ${roomPost.id}`;
  return { queries: [`${word}title`, `${word}first`, `${word}reply`, `${word}room`], ids: [thread.postId, reply.id, roomPost.id] };
}

async function found(queries: string[], filters: { from?: string; to?: string }) {
  const ids = new Set<string>();
  for (const q of queries) for (const r of (await search(lead, { q, ...filters })).results) ids.add(r.id);
  return ids;
}

describe('search date filters are whole UK days', () => {
  it.each([
    // 00:30 BST on 1 June is 23:30 UTC on 31 May.
    { season: 'summer (BST)', word: 'zqsummer', instant: '2026-06-01T00:30:00+01:00', day: '2026-06-01', dayBefore: '2026-05-31' },
    // 23:59:59.9 BST on 1 June is 22:59 UTC: still 1 June in the UK, and not 2 June.
    { season: 'summer, end of day', word: 'zqlate', instant: '2026-06-01T23:59:59.9+01:00', day: '2026-06-01', dayBefore: '2026-05-31' },
    // In winter UK time is UTC: 00:30 on 1 December is 00:30 UTC.
    { season: 'winter (GMT)', word: 'zqwinter', instant: '2026-12-01T00:30:00Z', day: '2026-12-01', dayBefore: '2026-11-30' },
    { season: 'winter, end of day', word: 'zqdusk', instant: '2026-12-01T23:59:59.9Z', day: '2026-12-01', dayBefore: '2026-11-30' },
  ])('$season: a post at $instant is on $day', async ({ word, instant, day, dayBefore }) => {
    const { queries, ids } = await postsAt(word, instant);
    const dayAfter = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const all = await found(queries, {});
    expect([...all].sort()).toEqual([...ids].sort());

    for (const filters of [{ from: day }, { to: day }, { from: day, to: day }, { from: dayBefore }, { to: dayAfter }]) {
      expect([...(await found(queries, filters))].sort(), JSON.stringify(filters)).toEqual([...ids].sort());
    }
    for (const filters of [{ to: dayBefore }, { from: dayAfter }, { from: dayBefore, to: dayBefore }, { from: dayAfter, to: dayAfter }]) {
      expect([...(await found(queries, filters))], JSON.stringify(filters)).toEqual([]);
    }
  });
});
