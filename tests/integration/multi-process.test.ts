import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '@/lib/config';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { removeMember } from '@/lib/incidents/room-membership';
import { revokeAllSessions, dropLiveConnections } from '@/lib/auth/sign-out-everywhere';
import { createRealtimeAdapter, REALTIME_APPLICATION_NAME, type RealtimeAdapter } from '@/lib/realtime/adapter';
import { setIo } from '@/lib/realtime/emit';
import { attachRealtime } from '@/lib/realtime/server';
import { signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, db, makeUser, rawSql, useTestDatabase } from './harness';

/**
 * Two socket.io nodes, each with its own PostgreSQL adapter and pool, on one database: what a use case
 * does through node A (emits, socketsLeave, disconnectSockets) reaches sockets connected to node B.
 * (tests/e2e/multi-process.spec.ts runs the same through two real server processes.)
 */
useTestDatabase();

type Node = { server: http.Server; io: Server; realtime: RealtimeAdapter; url: string };
let a: Node;
let b: Node;
let lead: SignedIn;
let member: SignedIn;
const sockets: Socket[] = [];

async function startNode(): Promise<Node> {
  const server = http.createServer();
  const realtime = createRealtimeAdapter(config().DATABASE_URL!);
  const io = attachRealtime(server, { adapter: realtime.adapter });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, io, realtime, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Waits until `count` adapter connections are LISTENing on this database, none of them one of `gone` (connections
 * just terminated can still show for a moment). Returns their pids. (expect.poll needs a test; hooks use this too.)
 */
async function listening(count: number, gone: number[] = []): Promise<number[]> {
  let pids: number[] = [];
  for (let i = 0; i < 300; i++) {
    if (i) await new Promise((r) => setTimeout(r, 100));
    const rows = await rawSql()<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${REALTIME_APPLICATION_NAME} and datname = current_database() and query like 'LISTEN%'`;
    pids = rows.map((r) => r.pid);
    if (pids.length === count && !pids.some((p) => gone.includes(p))) return pids;
  }
  expect(pids.filter((p) => !gone.includes(p))).toHaveLength(count);
  return pids;
}

async function socketOn(node: Node, session: SignedIn): Promise<Socket> {
  const socket = connect(node.url, { transports: ['websocket'], extraHeaders: { cookie: session.cookie, origin: node.url }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

function collect(socket: Socket, event: string) {
  const events: Record<string, string>[] = [];
  socket.on(event, (payload: Record<string, string>) => events.push(payload));
  return events;
}

beforeAll(async () => {
  a = await startNode();
  b = await startNode();
  await listening(2);
  lead = await signedIn(await makeUser({ role: 'incident_lead' }));
  member = await signedIn(await makeUser());
  // Use cases emit through node A.
  setIo(a.io);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  setIo(undefined);
  for (const n of [a, b]) {
    n.io.close();
    await n.realtime.close();
  }
});

async function openRoom() {
  return createRoom(actorFor(lead.user), {
    title: 'Cross-node room',
    severity: 'low',
    tlp: 'AMBER',
    summary: 'Restricted summary',
    publicHeadline: 'Public headline',
    invite: { users: [member.user.email] },
  });
}

describe('socket.io across processes on one database', () => {
  it('delivers a room post made through A to sockets on B; removal through A makes B’s socket leave the room', async () => {
    const { id } = await openRoom();
    const leadSocket = await socketOn(b, lead);
    const memberSocket = await socketOn(b, member);
    for (const s of [leadSocket, memberSocket]) expect(await s.timeout(5000).emitWithAck('subscribe', { type: 'incident', id })).toEqual({ ok: true });
    const leadPosts = collect(leadSocket, 'room:post:created');
    const memberPosts = collect(memberSocket, 'room:post:created');
    const accessChanged = collect(memberSocket, 'room:access:changed');

    const first = await createRoomPost(actorFor(lead.user), id, { body: 'Before removal', tlp: 'AMBER' });
    await expect.poll(() => memberPosts.map((p) => p.postId)).toContain(first.id);
    await expect.poll(() => leadPosts.map((p) => p.postId)).toContain(first.id);

    await removeMember(actorFor(lead.user), id, member.user.id);
    await expect.poll(() => accessChanged.map((p) => p.roomId)).toContain(id);
    // B's socket has left the room: B's own view of its rooms says so.
    await expect.poll(() => b.io.of('/').adapter.rooms.get(`incident:${id}`)?.has(memberSocket.id!) ?? false).toBe(false);
    expect(b.io.of('/').adapter.rooms.get(`incident:${id}`)?.has(leadSocket.id!)).toBe(true);

    const second = await createRoomPost(actorFor(lead.user), id, { body: 'After removal', tlp: 'AMBER' });
    await expect.poll(() => leadPosts.map((p) => p.postId)).toContain(second.id);
    expect(memberPosts.map((p) => p.postId)).not.toContain(second.id);
    expect(memberSocket.connected).toBe(true);
  });

  it('signs a person out everywhere through A: their sockets on B are disconnected, others stay', async () => {
    const person = await signedIn(await makeUser());
    const onB = await socketOn(b, person);
    const otherOnB = await socketOn(b, member);
    const disconnected = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    await db().transaction((tx) => revokeAllSessions(tx, person.user.id, 'test'));
    dropLiveConnections(person.user.id);
    expect(await disconnected).toBe('io server disconnect');
    expect(otherOnB.connected).toBe(true);
  });

  it('listens again after the database cuts the adapter’s connections, without crashing or leaking pool slots', async () => {
    const { id } = await openRoom();
    const leadSocket = await socketOn(b, lead);
    expect(await leadSocket.timeout(5000).emitWithAck('subscribe', { type: 'incident', id })).toEqual({ ok: true });
    const posts = collect(leadSocket, 'room:post:created');

    // More rounds than a pool has slots (4): had a dead listener stayed checked out, the pool would run dry.
    for (let round = 0; round < 5; round++) {
      const before = await listening(2);
      await rawSql()`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${REALTIME_APPLICATION_NAME} and datname = current_database()`;
      await listening(2, before);
      const post = await createRoomPost(actorFor(lead.user), id, { body: `After cut ${round}`, tlp: 'AMBER' });
      await expect.poll(() => posts.map((p) => p.postId), { timeout: 10_000 }).toContain(post.id);
    }
  }, 120_000);
});
