import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { RateLimited } from '@/lib/errors';

/**
 * How often codes may be texted: 3 per 15 minutes per person, and per number (so nobody can use us to
 * pester a stranger's phone from several accounts). rate-limiter-flexible on the `rate_limits` table.
 */
export const CODES_PER_WINDOW = 3;
export const WINDOW_SECONDS = 15 * 60;

type Limiters = { url: string; pool: Pool; perUser: RateLimiterPostgres; perNumber: RateLimiterPostgres };
const holderKey = Symbol.for('watchroom.mobileCodeLimiters');
type Holder = { [holderKey]?: Limiters };

function limiters(): Limiters {
  const url = config().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const holder = globalThis as Holder;
  const current = holder[holderKey];
  if (current && current.url === url) return current;
  if (current) void current.pool.end().catch(() => {});
  const pool = new Pool({ connectionString: url, max: 2, idleTimeoutMillis: 5_000, allowExitOnIdle: true, application_name: 'watchroom-rate-limits' });
  pool.on('error', () => {});
  const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, points: CODES_PER_WINDOW, duration: WINDOW_SECONDS };
  const made: Limiters = {
    url,
    pool,
    perUser: new RateLimiterPostgres({ ...common, keyPrefix: 'mobile-code-user' }),
    perNumber: new RateLimiterPostgres({ ...common, keyPrefix: 'mobile-code-number' }),
  };
  holder[holderKey] = made;
  return made;
}

/** Takes one code from both budgets, or refuses with a 429 saying when to try again. */
export async function consumeCodeBudget(userId: string, phone: string): Promise<void> {
  const { perUser, perNumber } = limiters();
  const results = await Promise.allSettled([perUser.consume(userId), perNumber.consume(phone)]);
  const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (refusals.length === 0) return;
  const limited = refusals.filter((r): r is RateLimiterRes => r instanceof RateLimiterRes);
  if (limited.length !== refusals.length) throw refusals.find((r) => !(r instanceof RateLimiterRes));
  const minutes = Math.max(1, Math.ceil(Math.max(...limited.map((r) => r.msBeforeNext)) / 60_000));
  throw RateLimited(`Too many codes sent. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
}
