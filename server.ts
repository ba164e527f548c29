import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import next from 'next';
import { Server } from 'socket.io';
import { closeDb, getDb } from './db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { migrateDatabase } from './db/migrate';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from './db/seed';
import { createSmsGateway } from './lib/alerts/notify-client';
import { startSmsWorker } from './lib/alerts/worker';
import { createEmailGateway } from './lib/email/gateway';
import { startEmailWorker } from './lib/email/worker';
import { startDormantAccountsJob } from './lib/people/dormant';
import { startRoomReminderWorker } from './lib/incidents/status-reminders';
import { startRetentionWorker } from './lib/retention/worker';
import { startSanctionExpiryWorker } from './lib/moderation/lift-expired-sanctions';
import { config, setRuntimeEnv } from './lib/config';
import { startBoss, stopBoss } from './lib/jobs';
import { createRealtimeAdapter } from './lib/realtime/adapter';
import { attachRealtime } from './lib/realtime/server';
import { setIo } from './lib/realtime/emit';
import { loadDirectRoutes } from './lib/http/direct-routes';
import { frontDoor } from './lib/http/front-door';

/**
 * One process: Next's request handler and socket.io on one HTTP server, plus the job workers.
 * With no DATABASE_URL it runs an embedded PostgreSQL in DATA_DIR/postgres and seeds a demo.
 * WATCHROOM_ROLE splits it: `web` serves HTTP and socket.io and only enqueues jobs; `worker` runs the job
 * workers and schedules (SMS sending, receipts, retention…) with no HTTP server; `all` (default) does both.
 */
async function main() {
  const dev = process.argv.includes('--dev');
  const initial = config();
  fs.mkdirSync(initial.dataDir, { recursive: true });

  const role = initial.WATCHROOM_ROLE;
  if (role !== 'all' && !initial.DATABASE_URL) {
    throw new Error(`WATCHROOM_ROLE=${role} shares a database with other processes: set DATABASE_URL (the embedded database is for WATCHROOM_ROLE=all)`);
  }
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

  if ((embedded || c.SEED_DEMO) && role !== 'worker') {
    const password = c.DEMO_PASSWORD ?? readOrCreate(path.join(c.dataDir, 'demo-password'), generatePassword);
    const seeded = await seedDemoIfEmpty(getDb(), password);
    console.log(`${seeded ? 'Seeded demo data. ' : ''}Demo accounts (${Object.values(DEMO_ACCOUNTS).join(', ')}) use the password: ${c.DEMO_PASSWORD ? '(DEMO_PASSWORD)' : password}`);
  }

  const boss = await startBoss(c.DATABASE_URL!);
  const gateway = createSmsGateway();
  const sms = gateway.simulated ? 'simulated, see /admin/sms' : `GOV.UK Notify at ${c.NOTIFY_BASE_URL}`;
  if (role !== 'web') {
    await startSmsWorker(boss, gateway);
    await startEmailWorker(boss, createEmailGateway());
    await startDormantAccountsJob(boss);
    await startRoomReminderWorker(boss);
    await startSanctionExpiryWorker(boss);
    await startRetentionWorker(boss);
  }
  if (role === 'worker') {
    // No HTTP server. Live events from jobs (a text delivered, …) reach the web processes' sockets through the adapter.
    const realtime = createRealtimeAdapter(c.DATABASE_URL!);
    const io = new Server({ serveClient: false, adapter: realtime.adapter });
    setIo(io);
    console.log(`Watchroom worker is running: job workers and schedules, no HTTP (SMS: ${sms})`);
    onShutdown(async () => {
      io.close();
      await realtime.close();
      await stopBoss();
      await closeDb();
    });
    return;
  }

  const app = next({ dev, dir: path.dirname(new URL(import.meta.url).pathname), hostname: 'localhost', port: c.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  await loadDirectRoutes();
  const server = http.createServer(frontDoor((req, res) => void handle(req, res)));
  // Live events reach sockets connected to every process running against this database.
  const realtime = createRealtimeAdapter(c.DATABASE_URL!);
  const io = attachRealtime(server, { adapter: realtime.adapter });
  setIo(io);
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io/')) upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve) => server.listen(c.PORT, c.HOST, resolve));
  console.log(`Watchroom is listening on ${c.publicUrl} (${role === 'web' ? 'web only: jobs run in worker processes' : `SMS: ${sms}`})`);

  onShutdown(async () => {
    io.close();
    await realtime.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stopBoss();
    await closeDb();
    await embedded?.stop();
  });
}

/** SIGINT/SIGTERM: stop cleanly once, or exit anyway after 15 s. */
function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    await stop();
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
