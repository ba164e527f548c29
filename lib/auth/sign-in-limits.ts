import { FailureLimiter } from './attempt-limiter';

/**
 * Sign-in failure budgets. The same refusal for every budget and for unknown emails (the keys are the
 * typed email, whether or not an account has it), so a lockout never reveals which accounts exist.
 * - accountIp: consecutive failures for one email from one IP address (reset by a success);
 * - account: failures for one email from anywhere (spread-out guessing), reset by a success;
 * - ip: a broader budget for one IP address across all emails (password spraying); not reset.
 */
export const SIGN_IN_BUDGETS = {
  accountIp: { points: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  account: { points: 20, windowSeconds: 60 * 60, blockSeconds: 30 * 60 },
  ip: { points: 100, windowSeconds: 24 * 60 * 60, blockSeconds: 60 * 60 },
} as const;

export const signInLimiter = new FailureLimiter('sign-in', SIGN_IN_BUDGETS, (wait) => `Too many sign-in attempts. Try again in ${wait}.`);

export function signInKeys(email: string, ip: string | undefined) {
  const where = ip || 'unknown';
  return { accountIp: `${email}|${where}`, account: email, ip: where };
}

/** Second-factor codes: a few wrong codes per sign-in session and per person, then a pause. */
export const MFA_CODE_BUDGETS = {
  session: { points: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  user: { points: 15, windowSeconds: 60 * 60, blockSeconds: 30 * 60 },
} as const;

export const mfaCodeLimiter = new FailureLimiter('mfa-code', MFA_CODE_BUDGETS, (wait) => `Too many wrong codes. Try again in ${wait}.`);

/** Re-entering the current password (to change it, turn off two-step verification, new recovery codes). */
export const reauthLimiter = new FailureLimiter(
  'reauth',
  { user: { points: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 } },
  (wait) => `Too many wrong passwords. Try again in ${wait}.`,
);
