import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { actorFromSessionToken, sessionTokenFromCookieHeader, type Actor } from '@/lib/auth/actor';
import { config } from '@/lib/config';
import { getThread } from '@/lib/forum/get-thread';
import { getChannelBySlug } from '@/lib/forum/channels';
import { clientIpOf } from '@/lib/http/client-ip';
import { getRoomForMember } from '@/lib/incidents/get-room';
import type { RealtimeAdapter } from './adapter';
import { channelRoom, incidentRoom, threadRoom, userRoom } from './emit';

const subscription = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thread'), id: z.uuid() }),
  z.object({ type: z.literal('channel'), slug: z.string().min(1).max(100) }),
  z.object({ type: z.literal('incident'), id: z.uuid() }),
]);

/**
 * socket.io on the app's HTTP server. The handshake must carry a valid session cookie from our own
 * origin; joining a room asks the same use cases the pages use, so a socket sees only what its
 * person may read.
 */
export function attachRealtime(server: HttpServer, opts: { adapter?: RealtimeAdapter['adapter'] } = {}): Server {
  const allowedOrigin = new URL(config().publicUrl).origin;
  const io = new Server(server, {
    serveClient: false,
    // With several processes, the PostgreSQL adapter carries emits and socket operations between them.
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || origin === allowedOrigin || sameHost(origin, req.headers.host));
    },
  });

  io.use(async (socket, next) => {
    const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    const ip = clientIpOf({ remoteAddress: socket.handshake.address, headers: socket.handshake.headers });
    const actor = await actorFromSessionToken(token, ip).catch(() => null);
    if (!actor) return next(new Error('unauthenticated'));
    socket.data.actor = actor;
    socket.data.sessionToken = token;
    next();
  });

  io.on('connection', (socket) => {
    const actor = socket.data.actor as Actor;
    socket.join(userRoom(actor.id));
    socket.on('subscribe', async (raw: unknown, ack?: (r: { ok: boolean }) => void) => {
      // The person may have been suspended or signed out everywhere since the handshake.
      const current = await actorFromSessionToken(socket.data.sessionToken, actor.ip).catch(() => null);
      if (!current) {
        socket.disconnect(true);
        return;
      }
      const ok = await subscribe(socket, current, raw).catch(() => false);
      if (typeof ack === 'function') ack({ ok });
    });
    socket.on('unsubscribe', (raw: unknown) => {
      const parsed = subscription.safeParse(raw);
      if (!parsed.success) return;
      const name = parsed.data.type === 'channel' ? channelSockets(socket).get(parsed.data.slug) : roomNameOf(parsed.data);
      if (name) socket.leave(name);
    });
  });
  return io;
}

function sameHost(origin: string, host: string | undefined) {
  try {
    return Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function roomNameOf(s: z.infer<typeof subscription> & { type: 'thread' | 'incident' }) {
  return s.type === 'thread' ? threadRoom(s.id) : incidentRoom(s.id);
}

/** Channel rooms are named by id; remember which slug each came from so unsubscribe can leave it. */
function channelSockets(socket: Socket): Map<string, string> {
  socket.data.channels ??= new Map<string, string>();
  return socket.data.channels as Map<string, string>;
}

/** Re-validates the person (they may have been suspended since connecting) and asks the use case. */
async function subscribe(socket: Socket, actor: Actor, raw: unknown): Promise<boolean> {
  const parsed = subscription.safeParse(raw);
  if (!parsed.success) return false;
  const s = parsed.data;
  if (s.type === 'thread') {
    await getThread(actor, s.id);
    socket.join(threadRoom(s.id));
  } else if (s.type === 'channel') {
    const channel = await getChannelBySlug(actor, s.slug);
    channelSockets(socket).set(s.slug, channelRoom(channel.id));
    socket.join(channelRoom(channel.id));
  } else {
    await getRoomForMember(actor, s.id);
    socket.join(incidentRoom(s.id));
  }
  return true;
}
