import { spawn } from 'node:child_process';
import { io as connect, type Socket } from 'socket.io-client';
import { percentiles } from './load';

export type FanoutResult = {
  sockets: number;
  rounds: number;
  /** Per-socket latency from sending the request to the event arriving, over every socket and round. */
  p50: number;
  p95: number;
  /** Median over rounds of the time until the LAST socket had the event. */
  allReached: number;
  missed: number;
};

type Target = {
  url: string;
  headers: Record<string, string>;
  subscription: unknown;
  /** Sends the one request whose effect is the broadcast (a reply posted, or the bare server's /emit). */
  trigger: () => Promise<void>;
};

/**
 * Opens `count` real socket.io clients (websocket transport) to `target`, subscribes each, then `rounds`
 * times triggers one broadcast and times its arrival at every socket. Connections are opened in batches
 * so the handshakes do not swamp the server.
 */
export async function measureFanout(target: Target, count: number, rounds: number): Promise<FanoutResult> {
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, () => openSubscribed(target));
      sockets.push(...(await Promise.all(batch)));
    }
    const latencies: number[] = [];
    const lasts: number[] = [];
    let missed = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      const arrivals = sockets.map(
        (s) =>
          new Promise<number | null>((resolve) => {
            const timer = setTimeout(() => {
              s.off('post:created', on);
              resolve(null);
            }, 30_000);
            function on() {
              clearTimeout(timer);
              s.off('post:created', on);
              resolve(performance.now() - started);
            }
            s.on('post:created', on);
          }),
      );
      await target.trigger();
      const got = await Promise.all(arrivals);
      const ok = got.filter((v): v is number => v !== null);
      missed += got.length - ok.length;
      latencies.push(...ok);
      lasts.push(Math.max(...ok));
      await new Promise((r) => setTimeout(r, 200));
    }
    const all = percentiles(latencies);
    return { sockets: count, rounds, p50: all.p50, p95: all.p95, allReached: percentiles(lasts).p50, missed };
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

function openSubscribed(target: Target): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(target.url, { transports: ['websocket'], extraHeaders: target.headers, reconnection: false, forceNew: true });
    const timer = setTimeout(() => reject(new Error('socket did not connect and subscribe within 30 s')), 30_000);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once('connect', () => {
      socket.emit('subscribe', target.subscription, (r: { ok: boolean }) => {
        clearTimeout(timer);
        if (r?.ok) resolve(socket);
        else reject(new Error('subscribe refused'));
      });
    });
  });
}

/** Starts the bare socket.io baseline in its own process; resolves once it answers. */
export async function startBareSocketIo(root: string, port: number) {
  const child = spawn('npx', ['tsx', 'tests/bench/bare-socketio.ts', String(port)], { cwd: root, stdio: 'ignore', detached: true });
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      if (res.ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
    },
  };
}
