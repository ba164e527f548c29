import { DateTime } from '@/app/_components/date-time';
import { TlpTag } from '@/app/_components/tlp-banner';
import type { listMyInvitations } from '@/lib/incidents/invitations';
import { SeverityTag } from './labels';

/** Open invitations: public fields only (reference, severity, TLP, public headline, inviter) until accepted. */
export function MyInvitations({ invitations }: { invitations: Awaited<ReturnType<typeof listMyInvitations>> }) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" data-testid="my-invitations">
      <h2 id="invitations-heading">Your invitations</h2>
      <ul className="nhsuk-list wr-room-list">
        {invitations.map((i) => (
          <li key={i.id} className="wr-room-list__item">
            <span>
              <a href={`/incidents/${i.roomId}`}>
                <span className="wr-room-ref">{i.reference}</span>: {i.publicHeadline}
              </a>
              <br />
              <span className="nhsuk-body-s">
                Invited by {i.inviterName}
                {i.organisationName ? ` (for ${i.organisationName})` : ''}; expires <DateTime value={i.expiresAt} />
              </span>
            </span>
            <span className="wr-room-meta">
              <SeverityTag severity={i.severity} /> <TlpTag tlp={i.tlp} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
