import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs `next build` when .next/BUILD_ID is missing or older than any source the build reads.
 * Used by `npm start` (scripts/start.ts) and by `npm test` before the integration tests and the Playwright suite.
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildId = path.join(root, '.next', 'BUILD_ID');
const sources = ['app', 'lib', 'db', 'public', 'next.config.js', 'package.json', 'tsconfig.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const s of sources) if (fs.existsSync(path.join(root, s))) visit(path.join(root, s));
  return newest;
}

export function buildIsStale(): boolean {
  return !fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSourceMtime();
}

/** Builds when needed; returns the exit status of `next build` (0 when no build was needed). */
export function buildIfStale(reason = 'first start, or sources changed'): number {
  if (!buildIsStale()) return 0;
  console.log(`Building Watchroom (${reason})…`);
  const built = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  return built.status ?? 1;
}
