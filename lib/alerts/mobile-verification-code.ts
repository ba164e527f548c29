import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';

/**
 * The 6-digit code that proves a member holds a mobile. Only its HMAC (keyed by the server secret, bound
 * to the person and the number) is stored; the code itself exists in memory and in the text, nowhere else.
 */
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_TRIES = 5;

/** Body of the Notify template NOTIFY_VERIFY_TEMPLATE_ID (README): create it in Notify with exactly this text. */
export const VERIFY_TEMPLATE_BODY = 'Your Watchroom code is ((code)). It expires in 10 minutes. If you did not ask for it, ignore this text.';

export function generateCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

function hmacKey(): Buffer {
  const secret = config().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is needed to check mobile codes');
  return createHmac('sha256', secret).update('watchroom mobile verification v1').digest();
}

export function hashCode(userId: string, phone: string, code: string): string {
  return createHmac('sha256', hmacKey()).update(`${userId}\n${phone}\n${code}`).digest('hex');
}

/** Constant-time comparison of a typed code with the stored hash. */
export function codeMatches(storedHash: string, userId: string, phone: string, typed: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashCode(userId, phone, typed), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Codes are shown on screen only when texts are simulated and the server is not in production mode. */
export function showsSimulatedCodes(simulated: boolean): boolean {
  return simulated && config().NODE_ENV !== 'production';
}
