import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else imports `config()`.
 * server.ts may fill in values it discovers at start-up (the embedded database URL, a generated
 * auth secret) with `setRuntimeEnv` before Next loads, so the route handlers see the same values.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54320),
  SEED_DEMO: bool,
  DEMO_PASSWORD: optionalString,
  AUTH_SECRET: optionalString,
  NOTIFY_API_KEY: optionalString,
  NOTIFY_BASE_URL: z
    .string()
    .default('https://api.notifications.service.gov.uk')
    .refine((v) => /^https?:\/\/[^/]+(:\d+)?$/.test(v.replace(/\/+$/, '')), {
      message: 'NOTIFY_BASE_URL must be http(s)://host[:port] with no path',
    })
    .transform((v) => v.replace(/\/+$/, '')),
  NOTIFY_ALERT_TEMPLATE_ID: z.uuid().default('8a3c7f4e-2b1d-4e5f-9a6b-1c2d3e4f5a60'),
  NOTIFY_SIGNPOST_TEMPLATE_ID: z.uuid().default('5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c90'),
  /** The follow-up signpost sent when a bulletin update is published with "text everyone". */
  NOTIFY_FOLLOW_UP_TEMPLATE_ID: z.uuid().default('7e2f4a6b-8c0d-4e1f-a2b3-c4d5e6f7a8b9'),
  /** The mobile-number check text: "Your Watchroom code is ((code)). …" (README). */
  NOTIFY_VERIFY_TEMPLATE_ID: z.uuid().default('3e9d1c7b-6a2f-4b8e-9c1d-2f3a4b5c6d70'),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(10000),
  SMS_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
  /** pg-boss worker loops on the sms-send queue per process, each sending batches of 20 concurrently. */
  SMS_SEND_WORKERS: z.coerce.number().int().min(1).max(20).default(3),
  /** Our share of Notify's token bucket (50/s refill, 1,000 capacity), kept under it by a safety margin. */
  NOTIFY_RATE_PER_SECOND: z.coerce.number().min(0.1).max(50).default(48),
  NOTIFY_BURST: z.coerce.number().int().min(1).max(1000).default(990),
  /** The bearer token set in Notify's admin UI for delivery receipts; the callback route is off without it. */
  NOTIFY_CALLBACK_TOKEN: optionalString,
  /** Texts still `sending` this long after hand-over are polled with getNotificationById. */
  /** An invited organisation with no acknowledgement this long after the alert has its deputy contacts texted. */
  SMS_ESCALATION_MINUTES: z.coerce.number().min(1).max(1440).default(30),
  SMS_RECEIPT_POLL_AFTER_MINUTES: z.coerce.number().min(1).max(1440).default(10),
  /** One Notify email template for every email: subject `((subject))`, body `((body))`. */
  NOTIFY_EMAIL_TEMPLATE_ID: z.uuid().default('3c9d1e2f-4a5b-4c6d-9e7f-8a9b0c1d2e3f'),
  EMAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
  /** Sign-up requests one IP address may make per hour. */
  SIGNUP_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(5),
  /** Members inactive this many days are warned; still inactive this many days after the warning, suspended. */
  DORMANT_WARN_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  DORMANT_SUSPEND_AFTER_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Roles that must use two-step verification (TOTP), comma-separated; empty for none. */
  MFA_REQUIRED_FOR: z
    .string()
    .default('incident_lead,moderator,admin')
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['member', 'incident_lead', 'moderator', 'admin']))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** What this process runs: `all` (web and workers), `web` (HTTP + socket.io, enqueues only) or `worker` (jobs, no HTTP). */
  WATCHROOM_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** Retention (UK GDPR): phone numbers in the SMS ledger are cut to their last three digits after this many days. */
  RETENTION_SMS_PHONE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Closed incident rooms are archived this many days after closing (their audit trail is kept). */
  RETENTION_ARCHIVE_CLOSED_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Load balancers / reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated
   * (`10.0.0.0/8, 192.168.1.5, fd00::/8`). Empty (the default) trusts none: the client is the socket's peer and
   * X-Forwarded-For is ignored. See lib/http/client-ip.ts.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().refine(isAddressOrRange, { error: (i) => `"${String(i.input)}" is not an IP address or CIDR range` }))),
  /** /api/health calls the queue stalled when the oldest queued text is older than this while sending may go on. */
  HEALTH_QUEUE_STALE_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
});

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`: an address, or a range with a prefix length that fits its family. */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

export type Config = z.infer<typeof schema> & {
  publicUrl: string;
  dataDir: string;
  simulatedSms: boolean;
};

const cacheKey = Symbol.for('watchroom.config');
type Holder = { [cacheKey]?: Config };

export function config(): Config {
  const holder = globalThis as Holder;
  if (!holder[cacheKey]) holder[cacheKey] = parseConfig(process.env);
  return holder[cacheKey]!;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${detail}`);
  }
  const c = parsed.data;
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(c.DATA_DIR),
    simulatedSms: !c.NOTIFY_API_KEY,
  };
}

/** Called by server.ts only, before Next or the database are loaded. */
export function setRuntimeEnv(values: Partial<Record<'DATABASE_URL' | 'AUTH_SECRET' | 'NEXTAUTH_URL', string>>) {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) process.env[k] = v;
  delete (globalThis as Holder)[cacheKey];
}
