import { Pool } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';

/**
 * Failure budgets on the `rate_limits` table (rate-limiter-flexible's RateLimiterPostgres), shared by
 * every app process. A budget counts FAILURES of something guessable (a password, a code) per key;
 * once a key has used its budget, attempts are refused until the block ends, even with the right answer.
 * Reuse: `new FailureLimiter({ perNumber: { points: 5, windowSeconds: 900, blockSeconds: 900 } }, message)`.
 *
 * rate-limiter-flexible sends node-postgres query objects ({ name, text, values }), which postgres.js
 * does not accept, so the limiter gets its own small `pg` Pool.
 */
export type Budget = { points: number; windowSeconds: number; blockSeconds: number };

type Holder = { __watchroomLimiterPool?: { url: string; pool: Pool } };

function limiterPool(): Pool {
  const holder = globalThis as Holder;
  const url = config().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  if (!holder.__watchroomLimiterPool || holder.__watchroomLimiterPool.url !== url) {
    const pool = new Pool({ connectionString: url, max: 3, idleTimeoutMillis: 10_000, application_name: 'watchroom-limiter' });
    pool.on('error', () => {}); // an idle connection dropped by the server; the next query opens another
    holder.__watchroomLimiterPool = { url, pool };
  }
  return holder.__watchroomLimiterPool.pool;
}

export async function closeLimiterPool() {
  const holder = globalThis as Holder;
  const current = holder.__watchroomLimiterPool;
  holder.__watchroomLimiterPool = undefined;
  if (current) await current.pool.end();
}

/** "Try again in 15 minutes." */
export function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export class FailureLimiter<Name extends string> {
  private limiters = new Map<string, RateLimiterPostgres>();

  constructor(
    private readonly prefix: string,
    private readonly budgets: Record<Name, Budget>,
    /** The refusal message; gets the wait ("15 minutes"). Must not reveal which budget ran out. */
    private readonly message: (wait: string) => string,
  ) {}

  private limiter(name: Name): RateLimiterPostgres {
    const pool = limiterPool();
    const cacheKey = `${name}`;
    let limiter = this.limiters.get(cacheKey);
    if (!limiter || (limiter as unknown as { client: Pool }).client !== pool) {
      const budget = this.budgets[name];
      limiter = new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true,
        keyPrefix: `${this.prefix}:${name}`,
        points: budget.points,
        duration: budget.windowSeconds,
      });
      this.limiters.set(cacheKey, limiter);
    }
    return limiter;
  }

  /** Throws a 429 with the wait when any of the keys has used its budget. */
  async check(keys: Partial<Record<Name, string>>): Promise<void> {
    let waitMs = 0;
    for (const [name, key] of entries(keys)) {
      const res = await this.limiter(name).get(key);
      if (res && res.consumedPoints >= this.budgets[name].points) waitMs = Math.max(waitMs, res.msBeforeNext);
    }
    if (waitMs > 0) throw new AppError('rate_limited', this.message(minutesText(waitMs)));
  }

  /** Counts one failure against each key; a key reaching its budget is blocked for blockSeconds. */
  async fail(keys: Partial<Record<Name, string>>): Promise<void> {
    for (const [name, key] of entries(keys)) {
      const limiter = this.limiter(name);
      const res = await limiter.penalty(key, 1);
      if (res.consumedPoints >= this.budgets[name].points) await limiter.block(key, this.budgets[name].blockSeconds);
    }
  }

  /** Forgets the failures of these keys (after a success). */
  async reset(keys: Partial<Record<Name, string>>): Promise<void> {
    for (const [name, key] of entries(keys)) await this.limiter(name).delete(key);
  }
}

function entries<Name extends string>(keys: Partial<Record<Name, string>>): [Name, string][] {
  return Object.entries(keys).filter((e): e is [Name, string] => typeof e[1] === 'string') as [Name, string][];
}
