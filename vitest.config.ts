import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    root,
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // One embedded PostgreSQL for the whole run; each integration file clones its own database from a migrated template.
    globalSetup: ['tests/integration/global-setup.ts'],
    // Each file runs in its own child process, so the globalThis singletons in lib/ (db pool, pg-boss, config cache)
    // are per file; two at a time on the 2-core machine.
    pool: 'forks',
    isolate: true,
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      // Tests must never talk to a real Notify or go through a proxy to reach the fake one.
      NOTIFY_API_KEY: '',
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      HTTP_PROXY: '',
      HTTPS_PROXY: '',
      http_proxy: '',
      https_proxy: '',
    },
  },
});
