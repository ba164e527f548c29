import autocannon from 'autocannon';

export type LoadResult = {
  /** Responses with the expected status, per second of the run. */
  rps: number;
  ok: number;
  total: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Every status seen, and transport errors/timeouts. */
  statuses: Record<string, number>;
  errors: number;
};

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  expect?: number;
  method?: string;
  headers?: Record<string, string>;
  /** Called for every request: vary the path or body. */
  next?: () => { path?: string; body?: string };
  /** Ends the run early once it settles (`seconds` is then the longest it may last). */
  stop?: Promise<unknown>;
};

/**
 * Keep-alive HTTP load with autocannon; latencies are recorded per response so p95 is exact
 * (autocannon's own summary has p97.5 but no p95). Latency counts every response, whatever its status.
 */
export function load(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const expect = opts.expect ?? 200;
  const base = new URL(opts.url);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base.origin,
        connections: opts.connections,
        duration: opts.seconds,
        timeout: 30,
        requests: [
          {
            method: opts.method ?? 'GET',
            path: base.pathname + base.search,
            headers: opts.headers,
            ...(opts.next
              ? {
                  setupRequest: (req) => {
                    const n = opts.next!();
                    return { ...req, ...(n.path ? { path: n.path } : {}), ...(n.body !== undefined ? { body: n.body } : {}) };
                  },
                }
              : {}),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const ok = statuses[String(expect)] ?? 0;
        const total = latencies.length;
        const seconds = result.duration;
        resolve({
          rps: ok / seconds,
          ok,
          total,
          seconds,
          ...percentiles(latencies),
          statuses,
          errors: result.errors + result.timeouts,
        });
      },
    );
    void opts.stop?.then(() => instance.stop());
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}
