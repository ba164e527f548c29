import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export type RunningServer = {
  child: ChildProcess;
  /** The node process that actually listens on the port (npx and tsx each sit above it). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * `npx tsx server.ts` in its own process group; resolves once the port answers. With `nodeFlags` (such as
 * --cpu-prof, which NODE_OPTIONS refuses) it runs `node <flags> --import tsx server.ts` instead.
 */
export async function startServer(root: string, env: Record<string, string>, port: number, nodeFlags: string[] = []): Promise<RunningServer> {
  const [command, argv] = nodeFlags.length ? [process.execPath, [...nodeFlags, '--import', 'tsx', 'server.ts']] : ['npx', ['tsx', 'server.ts']];
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const fail = async (message: string): Promise<never> => {
    if (exited === undefined) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exit;
    }
    throw new Error(`${message}:\n${tail}`);
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== undefined) await fail(`server exited (${exited}) before listening`);
    if (Date.now() > deadline) await fail('server did not listen within 180 s');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/ping`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = listenerPid(child.pid!, port) ?? (await fail(`could not find the process listening on port ${port}`));

  return {
    child,
    pid,
    output: () => tail,
    stop: async () => {
      if (exited !== undefined) return;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timedOut = await Promise.race([exit.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 20_000))]);
      if (timedOut) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await exit;
      }
    },
  };
}

/** The descendant of `root` holding the listening socket on `port` (from /proc/net/tcp{,6} and /proc/<pid>/fd). */
function listenerPid(root: number, port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  for (const pid of descendants(root)) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m && inodes.has(m[1])) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // process ended
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** VmHWM (peak resident set) and VmRSS of a process, in MiB. */
export function memory(pid: number): { peakMiB: number; rssMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time used so far, in ms: the server's node process, and every PostgreSQL process below it (with the
 * time of backends that have already exited, which the kernel adds to their parent's cutime/cstime).
 * Wall-clock figures depend on what else the machine runs; CPU per request does not.
 */
export function cpuTimes(serverPid: number): { serverMs: number; postgresMs: number } {
  const stat = (pid: number) => {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    // After the comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return { comm, own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  };
  let postgresMs = 0;
  for (const pid of descendants(serverPid)) {
    if (pid === serverPid) continue;
    try {
      const s = stat(pid);
      if (s.comm === 'postgres') postgresMs += s.own + s.children;
    } catch {
      // ended meanwhile
    }
  }
  return { serverMs: stat(serverPid).own, postgresMs };
}
