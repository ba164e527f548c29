import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import next from 'next';
import { closeDb, getDb } from './db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { migrateDatabase } from './db/migrate';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from './db/seed';
import { createSmsGateway } from './lib/alerts/notify-client';
import { startSmsWorker } from './lib/alerts/worker';
import { startRoomReminderWorker } from './lib/incidents/status-reminders';
import { config, setRuntimeEnv } from './lib/config';
import { startBoss, stopBoss } from './lib/jobs';
import { attachRealtime } from './lib/realtime/server';
import { setIo } from './lib/realtime/emit';

/**
 * One process: Next's request handler and socket.io on one HTTP server, plus the job workers.
 * With no DATABASE_URL it runs an embedded PostgreSQL in DATA_DIR/postgres and seeds a demo.
 */
async function main() {
  const dev = process.argv.includes('--dev');
  const initial = config();
  fs.mkdirSync(initial.dataDir, { recursive: true });

  let embedded: EmbeddedDatabase | undefined;
  if (!initial.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: initial.dataDir, port: initial.EMBEDDED_PG_PORT, log: (l) => console.error(l) });
  }
  setRuntimeEnv({
    DATABASE_URL: embedded?.url,
    AUTH_SECRET: initial.AUTH_SECRET ?? readOrCreate(path.join(initial.dataDir, 'auth-secret'), () => randomBytes(32).toString('base64url')),
    NEXTAUTH_URL: initial.publicUrl,
  });
  const c = config();
  await migrateDatabase(c.DATABASE_URL!);

  if (embedded || c.SEED_DEMO) {
    const password = c.DEMO_PASSWORD ?? readOrCreate(path.join(c.dataDir, 'demo-password'), generatePassword);
    const seeded = await seedDemoIfEmpty(getDb(), password);
    console.log(`${seeded ? 'Seeded demo data. ' : ''}Demo accounts (${Object.values(DEMO_ACCOUNTS).join(', ')}) use the password: ${c.DEMO_PASSWORD ? '(DEMO_PASSWORD)' : password}`);
  }

  const boss = await startBoss(c.DATABASE_URL!);
  const gateway = createSmsGateway();
  await startSmsWorker(boss, gateway);
  await startRoomReminderWorker(boss);

  const app = next({ dev, dir: path.dirname(new URL(import.meta.url).pathname), hostname: 'localhost', port: c.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    // The client address as we saw it; a header the client sent cannot forge it.
    req.headers['x-watchroom-client-ip'] = req.socket.remoteAddress ?? '';
    handle(req, res);
  });
  const io = attachRealtime(server);
  setIo(io);
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io/')) upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve) => server.listen(c.PORT, c.HOST, resolve));
  console.log(`Watchroom is listening on ${c.publicUrl} (SMS: ${gateway.simulated ? 'simulated, see /admin/sms' : `GOV.UK Notify at ${c.NOTIFY_BASE_URL}`})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    io.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stopBoss();
    await closeDb();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function readOrCreate(file: string, make: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const value = make();
  fs.writeFileSync(file, value, { mode: 0o600 });
  return value;
}

function generatePassword() {
  return `wr-${randomBytes(9).toString('base64url')}`;
}

main().catch((error) => {
  console.error('Watchroom failed to start:', error);
  process.exit(1);
});
