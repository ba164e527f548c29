import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end: the real server (production build, embedded PostgreSQL in a fresh data dir) talking to
 * the fake GOV.UK Notify over HTTP, driven in Debian's Chromium. No browser is downloaded.
 */
const root = path.dirname(new URL(import.meta.url).pathname);
export const E2E_PORT = 3300;
export const FAKE_NOTIFY_PORT = 4310;
export const FAKE_NOTIFY = {
  serviceId: '26785a09-ab16-4eb0-8407-a37497a57506',
  secret: '3d844edf-8d35-48ac-975b-e847b4f122b0',
};
export const DEMO_PASSWORD = 'e2e-demo-password-2026';
// Under the system temp dir: the embedded PostgreSQL runs as the `postgres` user, who may not reach the clone's folder.
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `watchroom-e2e-${process.pid}`);

export default defineConfig({
  testDir: './tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_REPORTERS === 'json' ? [['list'], ['json']] : 'list',
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: 'npx tsx tests/fakes/fake-notify-cli.ts',
      url: `http://127.0.0.1:${FAKE_NOTIFY_PORT}/_fake/received`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        FAKE_NOTIFY_PORT: String(FAKE_NOTIFY_PORT),
        FAKE_NOTIFY_SERVICE_ID: FAKE_NOTIFY.serviceId,
        FAKE_NOTIFY_SECRET: FAKE_NOTIFY.secret,
      },
    },
    {
      command: `rm -rf "${dataDir}" && npx tsx server.ts`,
      url: `http://localhost:${E2E_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        NODE_ENV: 'production',
        PORT: String(E2E_PORT),
        PUBLIC_URL: `http://localhost:${E2E_PORT}`,
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: '54410',
        DEMO_PASSWORD,
        // The other specs sign in as demo staff with the password alone; account-security.spec.ts covers two-step verification.
        MFA_REQUIRED_FOR: '',
        NOTIFY_API_KEY: `e2e-${FAKE_NOTIFY.serviceId}-${FAKE_NOTIFY.secret}`,
        NOTIFY_BASE_URL: `http://127.0.0.1:${FAKE_NOTIFY_PORT}`,
        NO_PROXY: '127.0.0.1,localhost',
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
