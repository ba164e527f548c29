import { maskPhone } from '@/lib/alerts/phone';
import type { Actor } from '@/lib/auth/actor';
import { getOwnPerson } from './person';
import { currentSession } from '@/lib/auth/request-actor';

export async function getMe(actor: Actor) {
  const { user, organisation } = await getOwnPerson(actor.id);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    mobile: user.mobile ? maskPhone(user.mobile) : null,
    mobileVerified: user.mobileVerified,
    odsCode: organisation.odsCode,
    organisation: { id: organisation.id, name: organisation.name, odsCode: organisation.odsCode, type: organisation.type },
  };
}

/**
 * What the page header shows for this request, from the request's single session query (shared with
 * the page's own actor look-up): null when signed out; `pending` when signed in but not yet past
 * two-step verification (only the sign-out button applies).
 */
export async function getMyHeader() {
  const session = await currentSession();
  if (!session) return null;
  if (session.state !== 'active') return { pending: true as const, actor: session.actor, name: session.actor.name, organisation: null, unread: 0 };
  return {
    pending: false as const,
    actor: session.actor,
    name: session.actor.name,
    organisation: session.header?.organisationName ?? null,
    unread: session.header?.unread ?? 0,
  };
}
