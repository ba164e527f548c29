import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { config } from '@/lib/config';
import { TEST_AUTH_SECRET } from './harness';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export type WebProcess = {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** GET with a session cookie (see api-fuzz-session.ts's signedIn), not following redirects. */
  get(pathname: string, cookie?: string): Promise<Response>;
  stop(): Promise<void>;
};

/**
 * A real production web process (server.ts, WATCHROOM_ROLE=web: Next and socket.io, no job workers) on this
 * file's database, for checks on what the pages render. Needs a production build (`npx next build`).
 * Call from beforeAll, after useTestDatabase's, and stop it in afterAll.
 */
export async function startWebProcess(): Promise<WebProcess> {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('Page checks need a production build: run `npx next build` first.');
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(p));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const dataDir = path.join(root, '.test-data', `web-${process.pid}-${port}`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      WATCHROOM_ROLE: 'web',
      DATABASE_URL: config().DATABASE_URL,
      AUTH_SECRET: TEST_AUTH_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      NO_PROXY: '127.0.0.1,localhost',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Watchroom is listening')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the web process did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    get: (pathname, cookie) => fetch(`${base}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
