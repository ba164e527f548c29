import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { RateLimited } from '@/lib/errors';

type Holder = { __watchroomSignupLimiter?: { url: string; pool: Pool; limiter: RateLimiterPostgres } };

/** rate-limiter-flexible on our `rate_limits` table (created by the migration), one small pg pool per process. */
function limiter(): RateLimiterPostgres {
  const holder = globalThis as Holder;
  const url = config().DATABASE_URL!;
  if (!holder.__watchroomSignupLimiter || holder.__watchroomSignupLimiter.url !== url) {
    const pool = new Pool({ connectionString: url, max: 2, application_name: 'watchroom-rate-limit' });
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'signup-ip',
      points: config().SIGNUP_REQUESTS_PER_HOUR,
      duration: 3600,
    });
    holder.__watchroomSignupLimiter = { url, pool, limiter };
  }
  return holder.__watchroomSignupLimiter.limiter;
}

/** Takes one sign-up request from the IP's hourly budget; over budget is a 429 before anything else is checked. */
export async function consumeSignupBudget(ip: string | undefined) {
  try {
    await limiter().consume(ip || 'unknown');
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const minutes = Math.max(1, Math.ceil(e.msBeforeNext / 60_000));
      throw RateLimited(`Too many sign-up requests from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
    throw e;
  }
}

export async function closeSignupRateLimiter() {
  const holder = globalThis as Holder;
  const current = holder.__watchroomSignupLimiter;
  holder.__watchroomSignupLimiter = undefined;
  if (current) await current.pool.end();
}
