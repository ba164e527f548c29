/**
 * Runs the fake GOV.UK Notify as a process, for e2e tests and local demos:
 *   npx tsx tests/fakes/fake-notify-cli.ts
 *
 * Env: FAKE_NOTIFY_PORT (4010), FAKE_NOTIFY_HOST (127.0.0.1), FAKE_NOTIFY_SERVICE_ID, FAKE_NOTIFY_SECRET,
 * FAKE_NOTIFY_TEMPLATES (JSON [{"id","body"}]), FAKE_NOTIFY_AUTO_DELIVER ("false" to keep texts 'created'),
 * FAKE_NOTIFY_BUCKET_CAPACITY / FAKE_NOTIFY_BUCKET_REFILL_PER_SECOND (Notify's 1000 and 50).
 *
 * Unauthenticated control routes: GET /_fake/received, GET /_fake/requests, POST /_fake/reset,
 * POST /_fake/faults (JSON array of FaultMode), POST /_fake/status {id, status},
 * POST /_fake/received-texts {phoneNumber, content}.
 */
import { FAKE_NOTIFY_DEFAULTS, FakeNotify, type FakeNotifyOptions, type FakeTemplate } from './fake-notify';

const { serviceId: DEFAULT_SERVICE_ID, secret: DEFAULT_SECRET, templates: DEFAULT_TEMPLATES } = FAKE_NOTIFY_DEFAULTS;

const isTemplate = (value: unknown): value is FakeTemplate =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).id === 'string' &&
  typeof (value as Record<string, unknown>).body === 'string';

function parseTemplates(raw: string | undefined): FakeTemplate[] {
  if (!raw) return [...DEFAULT_TEMPLATES];
  const value: unknown = JSON.parse(raw);
  if (!Array.isArray(value) || !value.every(isTemplate)) {
    throw new Error('FAKE_NOTIFY_TEMPLATES must be a JSON array of {"id","body"}');
  }
  return value;
}

function parseNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

function optionsFromEnv(env: NodeJS.ProcessEnv): FakeNotifyOptions {
  return {
    port: parseNumber(env, 'FAKE_NOTIFY_PORT', 4010),
    host: env.FAKE_NOTIFY_HOST || '127.0.0.1',
    serviceId: env.FAKE_NOTIFY_SERVICE_ID || DEFAULT_SERVICE_ID,
    secret: env.FAKE_NOTIFY_SECRET || DEFAULT_SECRET,
    templates: parseTemplates(env.FAKE_NOTIFY_TEMPLATES),
    bucket: {
      capacity: parseNumber(env, 'FAKE_NOTIFY_BUCKET_CAPACITY', 1000),
      refillPerSecond: parseNumber(env, 'FAKE_NOTIFY_BUCKET_REFILL_PER_SECOND', 50),
    },
    autoDeliver: env.FAKE_NOTIFY_AUTO_DELIVER !== 'false',
    controlEndpoints: true,
  };
}

async function main(): Promise<void> {
  const fake = new FakeNotify(optionsFromEnv(process.env));
  const { url } = await fake.start();
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    fake.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`fake-notify failed to stop on ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  console.log(`fake-notify api key ${fake.apiKey}`);
  console.log(`fake-notify listening on ${url}`);
}

main().catch((error: unknown) => {
  console.error('fake-notify failed to start:', error);
  process.exit(1);
});
