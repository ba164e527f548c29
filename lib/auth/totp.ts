import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Tx } from '@/db/client';
import { schema } from '@/db/client';
import { open, seal } from './secret-box';

/** TOTP as authenticator apps expect it: SHA-1, 6 digits, 30 seconds; one step of clock drift either way. */
export function newTotpSecret(): { secret: string; sealed: string } {
  const secret = generateSecret();
  return { secret, sealed: seal(secret) };
}

export function openTotpSecret(sealed: string): string {
  return open(sealed);
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Watchroom', label: email, secret });
}

/** The enrolment QR code as an SVG string (rendered inline, with a text alternative beside it). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
}

/** "123 456" and "123456" are the same code. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * Checks a code against the person's (sealed) secret and burns its time step: the update succeeds only
 * when the step is later than the last accepted one, so a code is accepted once, even by two racing
 * requests. Returns whether the code was accepted.
 */
export async function acceptTotpCode(tx: Tx, userId: string, sealed: string, code: string): Promise<boolean> {
  const token = normaliseCode(code);
  if (!/^\d{6}$/.test(token)) return false;
  let secret: string;
  try {
    secret = openTotpSecret(sealed);
  } catch {
    return false; // sealed under another AUTH_SECRET: no code can match
  }
  const result = await verify({ secret, token, epochTolerance: 30 });
  if (!result.valid) return false;
  const step = (result as { timeStep: number }).timeStep;
  const burned = await tx
    .update(schema.users)
    .set({ totpLastTimeStep: step })
    .where(and(eq(schema.users.id, userId), or(isNull(schema.users.totpLastTimeStep), lt(schema.users.totpLastTimeStep, step))))
    .returning({ id: schema.users.id });
  return burned.length === 1;
}
