import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { currentSession } from '@/lib/auth/request-actor';
import { signInPath } from '../../_components/require-actor';

/** The MFA page is open to full sessions and to those that must set up two-step verification first. */
export async function mfaPageActor(): Promise<Actor> {
  const session = await currentSession();
  if (!session) redirect(signInPath('/account/mfa'));
  if (session.state === 'mfa_code') redirect(signInPath('/account/mfa'));
  return session.actor;
}
