import { requireActor } from '@/app/_components/require-actor';
import { hasAcknowledged } from '@/lib/alerts/org-ledger';
import { acknowledgeAction } from './sms-actions';

/** For high and critical rooms: each member can say they have seen the alert (works without JavaScript). */
export async function RoomAcknowledge({ roomId }: { roomId: string }) {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const done = await hasAcknowledged(actor, roomId);
  return (
    <section aria-labelledby="acknowledge-heading" className="nhsuk-card nhsuk-u-margin-bottom-5" data-testid="room-acknowledge">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id="acknowledge-heading">
          Acknowledge this alert
        </h2>
        {done ? (
          <p className="nhsuk-card__description">
            <strong className="nhsuk-tag nhsuk-tag--green">Acknowledged</strong> You told the incident lead you have seen this alert.
          </p>
        ) : (
          <form action={acknowledgeAction.bind(null, roomId)}>
            <p className="nhsuk-card__description">Tell the incident lead you have seen this alert, for you and your organisation. If nobody at an invited organisation acknowledges, its deputy contacts are texted.</p>
            <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
              Acknowledge
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
