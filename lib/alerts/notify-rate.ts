import { config } from '@/lib/config';
import { acquireTokens, type BucketSpec } from './token-bucket';

/**
 * Notify's limit is a bucket of 1,000 refilled at 50/s per service and key type, and every request takes a
 * token (notify-api.md). Ours is a little smaller and slower (NOTIFY_BURST, NOTIFY_RATE_PER_SECOND) so that
 * clock drift and other callers never tip us into a 429.
 */
export function notifyBucket(): BucketSpec {
  const c = config();
  return { name: 'notify', capacity: c.NOTIFY_BURST, refillPerSecond: c.NOTIFY_RATE_PER_SECOND };
}

export function acquireNotifyToken(signal?: AbortSignal) {
  return acquireTokens(notifyBucket(), 1, signal);
}
