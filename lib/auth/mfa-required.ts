import type { schema } from '@/db/client';
import { config } from '@/lib/config';

type Role = (typeof schema.userRole.enumValues)[number];

/** Roles listed in MFA_REQUIRED_FOR must have two-step verification before they can do anything else. */
export function mfaRequiredFor(role: Role): boolean {
  return config().MFA_REQUIRED_FOR.includes(role);
}
