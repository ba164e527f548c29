import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

let common: Set<string> | undefined;

/** The shipped list of commonest passwords (lib/auth/common-passwords.txt), lower case, read once. */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(join(process.cwd(), 'lib', 'auth', 'common-passwords.txt'), 'utf8');
    common = new Set(
      text
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return common;
}

function personalParts(ctx: { email?: string; name?: string }): string[] {
  const parts: string[] = [];
  const local = ctx.email?.split('@')[0]?.toLowerCase().trim();
  if (local && local.length >= 3) {
    parts.push(local);
    // "jane.smith" also gives "jane" and "smith".
    for (const piece of local.split(/[^a-z0-9]+/)) if (piece.length >= 3) parts.push(piece);
  }
  for (const piece of (ctx.name ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (piece.length >= 3) parts.push(piece);
  return [...new Set(parts)];
}

/**
 * The one password policy, used wherever a password is set (sign-up, password change, seeding):
 * 12 to 1024 characters, not one of the commonest passwords, and not containing the person's email
 * name or their name. Returns null when the password is acceptable, else a message to show them.
 */
export function checkPasswordPolicy(password: string, ctx: { email?: string; name?: string }): string | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const lower = password.normalize('NFKC').toLowerCase();
  // A common word with digits or symbols stuck on either end ("Liverpool2026!!") is as guessable.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\s+/g, '')) || commonPasswords().has(core))
    return 'Password is too common. Choose a longer phrase that other people would not guess';
  const compact = lower.replace(/[^\p{L}\p{N}]+/gu, '');
  for (const part of personalParts(ctx)) {
    if (lower.includes(part) || compact.includes(part.replace(/[^\p{L}\p{N}]+/gu, '')))
      return 'Password must not contain your name or email address';
  }
  return null;
}
