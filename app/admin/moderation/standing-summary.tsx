import type { UserStanding } from '@/lib/moderation/user-standing';
import { DateTime } from '../../_components/date-time';

/** "Active", "Silenced until …", "Suspended until …" as NHS tags. */
export function StandingTags({ user }: { user: UserStanding }) {
  return (
    <>
      {user.status === 'suspended' ? (
        <strong className="nhsuk-tag nhsuk-tag--red">
          Suspended{user.suspendedUntil ? <> until <DateTime value={user.suspendedUntil} /></> : ' until lifted'}
        </strong>
      ) : null}{' '}
      {user.silenced && user.silencedUntil ? (
        <strong className="nhsuk-tag nhsuk-tag--orange">
          Silenced until <DateTime value={user.silencedUntil} />
        </strong>
      ) : null}
      {user.status === 'active' && !user.silenced ? <strong className="nhsuk-tag nhsuk-tag--green">Active</strong> : null}
      {user.status === 'closed' ? <strong className="nhsuk-tag nhsuk-tag--grey">Closed</strong> : null}
    </>
  );
}
