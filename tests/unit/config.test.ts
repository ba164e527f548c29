import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { config, parseConfig as parseEnv, setRuntimeEnv } from '@/lib/config';

/** Next's types make NODE_ENV required on ProcessEnv; a partial environment is what these tests are about. */
const parseConfig = (env: Record<string, string>) => parseEnv(env as NodeJS.ProcessEnv);

describe('parseConfig', () => {
  it('has safe defaults for the embedded demo', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      EMBEDDED_PG_PORT: 54320,
      SEED_DEMO: false,
      NOTIFY_BASE_URL: 'https://api.notifications.service.gov.uk',
      NOTIFY_ALERT_TEMPLATE_ID: '8a3c7f4e-2b1d-4e5f-9a6b-1c2d3e4f5a60',
      NOTIFY_SIGNPOST_TEMPLATE_ID: '5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c90',
      NOTIFY_TIMEOUT_MS: 10000,
      SMS_RETRY_LIMIT: 8,
      LOG_LEVEL: 'info',
      publicUrl: 'http://localhost:3000',
      dataDir: path.resolve('.data'),
      simulatedSms: true,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.AUTH_SECRET).toBeUndefined();
    expect(c.NOTIFY_API_KEY).toBeUndefined();
  });

  it('reads and tidies values', () => {
    const c = parseConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://watchroom.example.nhs.uk/',
      NOTIFY_BASE_URL: 'http://127.0.0.1:4010/',
      NOTIFY_API_KEY: '  live-key  ',
      SEED_DEMO: 'yes',
      DATABASE_URL: '   ',
      DATA_DIR: '/var/lib/watchroom',
      NODE_ENV: 'production',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      publicUrl: 'https://watchroom.example.nhs.uk',
      NOTIFY_BASE_URL: 'http://127.0.0.1:4010',
      NOTIFY_API_KEY: 'live-key',
      simulatedSms: false,
      SEED_DEMO: true,
      dataDir: '/var/lib/watchroom',
      NODE_ENV: 'production',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(parseConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['no', false],
    ['', false],
  ])('reads SEED_DEMO=%j as %s', (value, expected) => {
    expect(parseConfig({ SEED_DEMO: value }).SEED_DEMO).toBe(expected);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['EMBEDDED_PG_PORT', '0'],
    ['NODE_ENV', 'staging'],
    ['SEED_DEMO', 'maybe'],
    ['PUBLIC_URL', 'not a url'],
    ['NOTIFY_BASE_URL', '127.0.0.1:4010'],
    ['NOTIFY_BASE_URL', 'https://api.notifications.service.gov.uk/v2'],
    ['NOTIFY_ALERT_TEMPLATE_ID', 'not-a-uuid'],
    ['NOTIFY_SIGNPOST_TEMPLATE_ID', '1234'],
    ['NOTIFY_TIMEOUT_MS', '50'],
    ['NOTIFY_TIMEOUT_MS', '1.5'],
    ['SMS_RETRY_LIMIT', '51'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%j, naming it', (key, value) => {
    expect(() => parseConfig({ [key]: value })).toThrow(new RegExp(`^Invalid configuration: .*${key}`));
  });
});

describe('config() and setRuntimeEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    setRuntimeEnv({});
  });

  it('parses the environment once and caches it', () => {
    expect(config()).toBe(config());
  });

  it('setRuntimeEnv fills in values and resets the cache', () => {
    const before = config();
    setRuntimeEnv({ AUTH_SECRET: 'generated-at-start-up', DATABASE_URL: 'postgres://x@127.0.0.1:1/db' });
    const after = config();
    expect(after).not.toBe(before);
    expect(after.AUTH_SECRET).toBe('generated-at-start-up');
    expect(after.DATABASE_URL).toBe('postgres://x@127.0.0.1:1/db');
    expect(process.env.AUTH_SECRET).toBe('generated-at-start-up');
  });
});
