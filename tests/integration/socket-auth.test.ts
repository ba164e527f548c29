import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { createRoom } from '@/lib/incidents/create-room';
import { createThread } from '@/lib/forum/create-thread';
import { attachRealtime } from '@/lib/realtime/server';
import { signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, db, makeChannel, makeUser, schema, useTestDatabase } from './harness';
import { eq } from 'drizzle-orm';

useTestDatabase();

let server: http.Server;
let io: Server;
let base: string;
let member: SignedIn;
let lead: SignedIn;
let threadId: string;
let roomId: string;
const open: Socket[] = [];

beforeAll(async () => {
  server = http.createServer();
  io = attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  member = await signedIn(await makeUser());
  lead = await signedIn(await makeUser({ role: 'incident_lead' }));
  const channel = await makeChannel();
  threadId = (await createThread(actorFor(member.user), channel.slug, { title: 'Socket thread', body: 'Hello' })).id;
  roomId = (
    await createRoom(actorFor(lead.user), {
      title: 'Restricted room for socket tests',
      severity: 'low',
      tlp: 'AMBER',
      summary: 'Restricted',
      publicHeadline: 'Public headline',
    })
  ).id;
});

afterAll(async () => {
  for (const s of open) s.disconnect();
  io.close();
});

/** A real socket.io client; resolves with the socket once connected, or the handshake's refusal. */
function tryConnect(headers: Record<string, string>, transports: ('websocket' | 'polling')[] = ['websocket']) {
  const socket = connect(base, { transports, extraHeaders: headers, reconnection: false, timeout: 5000 });
  open.push(socket);
  return new Promise<{ socket: Socket; error?: string }>((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (e) => resolve({ socket, error: e.message }));
  });
}

const ours = () => `http://127.0.0.1:${new URL(base).port}`;

describe('socket.io handshakes', () => {
  it('connects with a valid session cookie from our own origin, and subscribes only to what the person may read', async () => {
    const { socket, error } = await tryConnect({ cookie: member.cookie, origin: ours() });
    expect(error).toBeUndefined();
    expect(await socket.timeout(5000).emitWithAck('subscribe', { type: 'thread', id: threadId })).toEqual({ ok: true });
    // A room they are not in, and junk, are refused like a missing room.
    expect(await socket.timeout(5000).emitWithAck('subscribe', { type: 'incident', id: roomId })).toEqual({ ok: false });
    expect(await socket.timeout(5000).emitWithAck('subscribe', { type: 'incident', id: 'not-a-uuid' })).toEqual({ ok: false });
    expect(await socket.timeout(5000).emitWithAck('subscribe', { type: '__proto__', id: { constructor: 1 } })).toEqual({ ok: false });
  });

  it('refuses handshakes with no session, a forged or garbled cookie, or a signed-out session', async () => {
    const forged = await encode({ token: { sub: member.user.id, sv: 0, sid: member.sessionId }, secret: 'not-our-secret-not-our-secret-not-our-secret' });
    const revoked = await signedIn(member.user);
    await db().update(schema.userSessions).set({ revokedAt: new Date() }).where(eq(schema.userSessions.id, revoked.sessionId));
    const cookies = [
      undefined,
      'next-auth.session-token=',
      'next-auth.session-token=garbage',
      `next-auth.session-token=${forged}`,
      revoked.cookie,
      `other=${member.cookie.split('=').slice(1).join('=')}`,
    ];
    for (const cookie of cookies) {
      const { error } = await tryConnect({ origin: ours(), ...(cookie ? { cookie } : {}) });
      expect(error, cookie).toBe('unauthenticated');
    }
  });

  it('refuses a foreign Origin even with a valid cookie, over WebSocket and long-polling', async () => {
    // The same cookie from our own origin connects over both transports.
    for (const transports of [['websocket'], ['polling']] as const) {
      expect((await tryConnect({ cookie: lead.cookie, origin: ours() }, [...transports])).error).toBeUndefined();
    }
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example:${new URL(base).port}`]) {
      for (const transports of [['websocket'], ['polling']] as const) {
        const { error } = await tryConnect({ cookie: lead.cookie, origin }, [...transports]);
        expect(error, `${origin} ${transports[0]}`).toBeTruthy();
        expect(error).not.toBe('unauthenticated');
      }
    }
  });

  it('drops a socket whose person is suspended when it next subscribes', async () => {
    const person = await makeUser();
    const session = await signedIn(person);
    const { socket, error } = await tryConnect({ cookie: session.cookie, origin: ours() });
    expect(error).toBeUndefined();
    await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, person.id));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('subscribe', { type: 'thread', id: threadId });
    expect(await disconnected).toBe('io server disconnect');
  });
});
