import { createHash, randomBytes } from 'node:crypto';

/** `wr_` + 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^wr_[A-Za-z0-9_-]{43}$/;

export function newTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `wr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

/** Tokens are high-entropy, so a plain SHA-256 is the right store (no salt or slow hash needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
