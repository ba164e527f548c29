import { cache } from 'react';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { requireActor } from '@/app/_components/require-actor';
import { TlpBanner } from '@/app/_components/tlp-banner';
import { isAppError } from '@/lib/errors';
import { getInvitationPreview } from '@/lib/incidents/invitations';
import { InvitationPreview } from './invitation-preview';
import { respondAction } from './invitation-actions';
import { RoomRefresh } from './room-refresh';

/** Not a member: an open invitation addressed to them, or null (and the page is the ordinary not-found). */
export const loadInvitation = cache(async (id: string) => {
  const actor = await requireActor(`/incidents/${encodeURIComponent(id)}`);
  try {
    return await getInvitationPreview(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
});

/** Throws a room's NotFound as null so the page can look for an invitation instead. */
export function notFoundAsNull(error: unknown): null {
  if (isAppError(error) && error.code === 'not_found') return null;
  throw error;
}

/** The page an invitee sees before accepting: public fields only. */
export function InvitedRoom({ invitation }: { invitation: NonNullable<Awaited<ReturnType<typeof loadInvitation>>> }) {
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <TlpBanner tlp={invitation.tlp} />
      {/* A revoked invitation, or one answered in another tab, shows at once. */}
      <RoomRefresh roomId={invitation.roomId} />
      <Breadcrumb items={[{ href: '/incidents', text: 'Incident rooms' }]} />
      <InvitationPreview
        invitation={{ ...invitation, expiresAt: invitation.expiresAt.toISOString() }}
        action={respondAction.bind(null, invitation.roomId, invitation.id)}
      />
    </main>
  );
}
