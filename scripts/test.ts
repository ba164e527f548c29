import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale';

/**
 * `npm test`: the vitest suite (unit + integration on an embedded PostgreSQL), then the Playwright suite
 * against a production build (built first when missing or stale, before the integration tests: some of them
 * read pages from it too). Totals come from each runner's JSON
 * report, and the LAST line printed is exactly `N passed, N failed` (`, N skipped` when any were).
 * Exits non-zero when a test failed or a suite ended without a usable report.
 *
 *   npm test                    everything
 *   npm test -- --no-e2e        vitest only          npm test -- --e2e-only    Playwright only
 *   npm test -- tests/unit      extra arguments go to vitest (and imply --no-e2e)
 */
type Totals = { passed: number; failed: number; skipped: number };
type StageResult = Totals & { problems: string[] };

const reportsDir = path.join(root, '.test-data', 'reports');
const VITEST_TIMEOUT_MS = 30 * 60_000;
const PLAYWRIGHT_TIMEOUT_MS = 45 * 60_000;

const args = process.argv.slice(2);
const flags = new Set<string>(args.filter((a) => a === '--no-e2e' || a === '--e2e-only'));
const vitestArgs = args.filter((a) => !flags.has(a));
const runVitestStage = !flags.has('--e2e-only');
const runPlaywrightStage = !flags.has('--no-e2e') && vitestArgs.length === 0;

let current: ReturnType<typeof spawn> | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (current?.pid) killGroup(current.pid, signal);
    process.exit(130);
  });
}

async function main() {
  fs.mkdirSync(reportsDir, { recursive: true });
  const stages: [string, StageResult][] = [];
  if (runVitestStage) stages.push(['vitest', await vitestStage()]);
  if (runPlaywrightStage) {
    const result = await playwrightStage();
    if (result) stages.push(['playwright', result]);
  }

  const total: Totals = { passed: 0, failed: 0, skipped: 0 };
  const problems: string[] = [];
  for (const [name, r] of stages) {
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    console.log(`${name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
    for (const p of r.problems) problems.push(`${name}: ${p}`);
  }
  for (const p of problems) console.log(`PROBLEM ${p}`);
  const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
  // Nothing may be printed after this line.
  process.stdout.write(`${line}\n`, () => process.exit(total.failed > 0 || problems.length > 0 ? 1 : 0));
}

// ── vitest ──────────────────────────────────────────────────────────────────

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
};

async function vitestStage(): Promise<StageResult> {
  // Some integration tests read pages from a real production server (tests/integration/web-process.ts).
  if (vitestArgs.length === 0 || vitestArgs.some((a) => a.includes('integration'))) {
    banner('next build (when stale)');
    const built = buildIfStale('integration tests read pages from a production build');
    if (built !== 0) return crashed(`next build failed (exit ${built}), vitest not run`);
  }
  const report = path.join(reportsDir, 'vitest.json');
  fs.rmSync(report, { force: true });
  banner('vitest: unit and integration tests');
  const code = await run(
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs],
    { CI: process.env.CI ?? '' },
    VITEST_TIMEOUT_MS,
  );
  const json = readJson<VitestReport>(report);
  if (!json) return crashed(`no JSON report (vitest exited ${code})`);
  const result: StageResult = {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
    problems: [],
  };
  // A file that failed to load or whose hooks threw has no failed test to count: count the file.
  for (const file of json.testResults) {
    if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')) {
      result.failed += 1;
      result.problems.push(`${path.relative(root, file.name)} failed outside any test: ${firstLine(file.message)}`);
    }
  }
  if (code !== 0 && result.failed === 0) {
    result.failed += 1;
    result.problems.push(`vitest exited ${code} although its report has no failed test (an unhandled error?)`);
  }
  if (result.passed + result.failed === 0) result.problems.push('vitest ran no test');
  return result;
}

// ── Playwright ──────────────────────────────────────────────────────────────

type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: { message?: string }[];
};

async function playwrightStage(): Promise<StageResult | null> {
  const config = path.join(root, 'playwright.config.ts');
  const specs = path.join(root, 'tests', 'e2e');
  const hasSpecs = fs.existsSync(specs) && fs.readdirSync(specs, { recursive: true }).some((f) => /\.(spec|test)\.[cm]?[jt]s$/.test(String(f)));
  if (!fs.existsSync(config) || !hasSpecs) {
    console.log('playwright: no playwright.config.ts or no specs in tests/e2e, stage skipped');
    return null;
  }
  banner('next build (when stale)');
  const built = buildIfStale('the Playwright suite needs a current production build');
  if (built !== 0) return crashed(`next build failed (exit ${built}), Playwright not run`);

  const report = path.join(reportsDir, 'playwright.json');
  fs.rmSync(report, { force: true });
  banner('Playwright: end-to-end tests in Chromium');
  const code = await run(
    process.execPath,
    [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_FILE: report, PLAYWRIGHT_REPORTERS: 'json', NEXT_TELEMETRY_DISABLED: '1' },
    PLAYWRIGHT_TIMEOUT_MS,
  );
  const json = readJson<PlaywrightReport>(report);
  if (!json) return crashed(`no JSON report (playwright exited ${code})`);
  const { expected, unexpected, flaky, skipped } = json.stats;
  const result: StageResult = { passed: expected + flaky, failed: unexpected, skipped, problems: [] };
  if (flaky) result.problems.push(`${flaky} test(s) passed only on retry`);
  for (const e of json.errors ?? []) {
    result.failed += 1;
    result.problems.push(`error outside any test: ${firstLine(e.message)}`);
  }
  if (code !== 0 && result.failed === 0) {
    result.failed += 1;
    result.problems.push(`playwright exited ${code} although its report has no failed test`);
  }
  if (result.passed + result.failed === 0) result.problems.push('playwright ran no test');
  return result;
}

// ── helpers ─────────────────────────────────────────────────────────────────

function crashed(problem: string): StageResult {
  return { passed: 0, failed: 1, skipped: 0, problems: [problem] };
}

function banner(title: string) {
  console.log(`\n━━ ${title} ━━`);
}

function firstLine(text: string | undefined) {
  return (text ?? '').split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '(no message)';
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Runs a child in its own process group (so a timeout can end all it started) and resolves its exit code. */
function run(command: string, argv: string[], env: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    current = child;
    const timer = setTimeout(() => {
      console.log(`\nTimed out after ${Math.round(timeoutMs / 60_000)} minutes: stopping ${path.basename(argv[0] ?? command)}`);
      if (child.pid) killGroup(child.pid, 'SIGTERM');
      setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 15_000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      console.log(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

main().catch((error) => {
  console.log(`test runner failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.stdout.write('0 passed, 1 failed\n', () => process.exit(1));
});
