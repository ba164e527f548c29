import { beforeAll, describe, expect, it } from 'vitest';
import { GET as channelsRoute } from '@/app/api/v1/channels/route';
import { GET as channelWatchGet, PUT as channelWatchPut } from '@/app/api/v1/channels/[slug]/watch/route';
import { GET as threadWatchGet, PUT as threadWatchPut } from '@/app/api/v1/threads/[id]/watch/route';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { createThread } from '@/lib/forum/create-thread';
import { markThreadRead } from '@/lib/forum/read-state';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeUser, randomId, rowCounts, useTestDatabase } from './harness';

/**
 * Watch levels can be read back through the API (GET beside each PUT, with the same checks), and staff can
 * list archived channels with `GET /channels?archived=include`.
 */
useTestDatabase();

let reader: SignedIn;
let other: SignedIn;
let moderator: SignedIn;
let channel: { slug: string; id: string };
let archived: { slug: string; id: string };
let threadId: string;

beforeAll(async () => {
  reader = await signedIn(await makeUser({ name: 'Wendy Watcher' }));
  other = await signedIn(await makeUser({ name: 'Olly Other' }));
  moderator = await signedIn(await makeUser({ role: 'moderator' }));
  channel = await makeChannel();
  archived = await makeChannel({ archived: true });
  // Written by someone else: authors watch their own threads from the start.
  threadId = (await createThread(actorFor(moderator.user), channel.slug, { title: 'Watch me', body: 'b' })).id;
});

const threadWatch = {
  get: (as: SignedIn | null, id: string, headers?: Record<string, string>) =>
    threadWatchGet(apiRequest(as, 'GET', `/api/v1/threads/${encodeURIComponent(id)}/watch`, { headers }), { params: Promise.resolve({ id }) }),
  put: (as: SignedIn, id: string, level: string) =>
    threadWatchPut(apiRequest(as, 'PUT', `/api/v1/threads/${encodeURIComponent(id)}/watch`, { body: JSON.stringify({ level }) }), { params: Promise.resolve({ id }) }),
};
const channelWatch = {
  get: (as: SignedIn | null, slug: string) => channelWatchGet(apiRequest(as, 'GET', `/api/v1/channels/${slug}/watch`), { params: Promise.resolve({ slug }) }),
  put: (as: SignedIn, slug: string, level: string) =>
    channelWatchPut(apiRequest(as, 'PUT', `/api/v1/channels/${slug}/watch`, { body: JSON.stringify({ level }) }), { params: Promise.resolve({ slug }) }),
};
const listChannels = (as: SignedIn | null, query = '') => channelsRoute(apiRequest(as, 'GET', `/api/v1/channels${query}`), { params: Promise.resolve({}) });

describe('GET /threads/{id}/watch and /channels/{slug}/watch', () => {
  it('answers { level }: normal until chosen, then what the PUT set, and normal again after a reset; each person sees only their own', async () => {
    for (const [api, key] of [
      [threadWatch, threadId],
      [channelWatch, channel.slug],
    ] as const) {
      const read = async (as: SignedIn) => {
        const res = await api.get(as, key);
        expect(res.status).toBe(200);
        return res.json();
      };
      expect(await read(reader)).toMatchObject({ level: 'normal' });
      expect((await api.put(reader, key, 'watching')).status).toBe(200);
      expect(await read(reader)).toMatchObject({ level: 'watching' });
      expect(await read(other)).toMatchObject({ level: 'normal' });
      expect((await api.put(reader, key, 'muted')).status).toBe(200);
      expect(await read(reader)).toMatchObject({ level: 'muted' });
      expect((await api.put(reader, key, 'normal')).status).toBe(200);
      expect(await read(reader)).toMatchObject({ level: 'normal' });
    }
  });

  it('for a thread, answers the level that governs and whether it was chosen for the thread', async () => {
    const t = await createThread(actorFor(other.user), channel.slug, { title: 'Governed by the channel', body: 'x' });
    const read = async () => (await threadWatch.get(reader, t.id)).json();
    expect((await channelWatch.put(reader, channel.slug, 'watching')).status).toBe(200);
    expect(await read()).toEqual({ level: 'watching', chosen: false });
    // Reading tracks the thread, but the channel's chosen level still governs.
    await markThreadRead(actorFor(reader.user), t.id);
    expect(await read()).toEqual({ level: 'watching', chosen: false });
    expect((await threadWatch.put(reader, t.id, 'normal')).status).toBe(200);
    expect(await read()).toEqual({ level: 'normal', chosen: true });
    expect((await channelWatch.put(reader, channel.slug, 'normal')).status).toBe(200);
  });

  it('answers 404 exactly where the PUT does (unknown or malformed thread, unknown channel), 401 without a session, and writes nothing', async () => {
    const before = await rowCounts();
    for (const id of [randomId(), 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      const [got, put] = [await threadWatch.get(reader, id), await threadWatch.put(reader, id, 'watching')];
      expect([got.status, put.status]).toEqual([404, 404]);
      expect(await got.json()).toEqual(await put.json());
    }
    const [got, put] = [await channelWatch.get(reader, 'no-such-channel'), await channelWatch.put(reader, 'no-such-channel', 'watching')];
    expect([got.status, put.status]).toEqual([404, 404]);
    expect(await got.json()).toEqual(await put.json());
    expect((await threadWatch.get(null, threadId)).status).toBe(401);
    expect((await channelWatch.get(null, channel.slug)).status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('an archived channel’s level can be read as it can be set', async () => {
    expect((await channelWatch.put(reader, archived.slug, 'tracking')).status).toBe(200);
    expect(await (await channelWatch.get(reader, archived.slug)).json()).toEqual({ level: 'tracking' });
  });

  it('a read-only API token may read a level (GET) but not change it (PUT is 403)', async () => {
    const { token } = await createApiToken({ ...actorFor(reader.user), sessionId: reader.sessionId }, { name: 'Reader', scope: 'read' });
    const bearer = { authorization: `Bearer ${token}` };
    const res = await threadWatchGet(apiRequest(null, 'GET', `/api/v1/threads/${threadId}/watch`, { origin: null, headers: bearer }), { params: Promise.resolve({ id: threadId }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await (await threadWatch.get(reader, threadId)).json());
    const put = await threadWatchPut(
      apiRequest(null, 'PUT', `/api/v1/threads/${threadId}/watch`, { origin: null, headers: bearer, body: JSON.stringify({ level: 'watching' }) }),
      { params: Promise.resolve({ id: threadId }) },
    );
    expect(put.status).toBe(403);
  });
});

describe('GET /channels?archived=include', () => {
  const slugs = async (res: Response) => ((await res.json()) as { channels: { slug: string }[] }).channels.map((c) => c.slug);

  it('leaves archived channels out by default, for staff too', async () => {
    for (const as of [reader, moderator]) {
      for (const query of ['', '?archived=exclude']) {
        const res = await listChannels(as, query);
        expect(res.status).toBe(200);
        const listed = await slugs(res);
        expect(listed).toContain(channel.slug);
        expect(listed).not.toContain(archived.slug);
      }
    }
  });

  it('lists archived channels too for staff, each marked', async () => {
    const res = await listChannels(moderator, '?archived=include');
    expect(res.status).toBe(200);
    const { channels } = (await res.json()) as { channels: { slug: string; archived: boolean }[] };
    expect(channels.find((c) => c.slug === archived.slug)).toMatchObject({ archived: true });
    expect(channels.find((c) => c.slug === channel.slug)).toMatchObject({ archived: false });
  });

  it('refuses the parameter to anyone but staff (403) and a value it does not know (400)', async () => {
    const refused = await listChannels(reader, '?archived=include');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    for (const as of [reader, moderator]) {
      const bad = await listChannels(as, '?archived=yes');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid', fields: { archived: [expect.any(String)] } } });
    }
    expect((await listChannels(null, '?archived=include')).status).toBe(401);
  });
});
