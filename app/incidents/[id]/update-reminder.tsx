import { DateTime } from '@/app/_components/date-time';

/** Shown to a lead when the room has had no status update for its update interval. */
export function UpdateReminder({ since }: { since: Date | null }) {
  if (!since) return null;
  return (
    <div className="nhsuk-warning-callout" data-testid="update-reminder">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          A status update is due
        </span>
      </h3>
      <p>
        No status update has been posted since the reminder at <DateTime value={since} />. Post one below and tick “This is a status update from the
        lead”.
      </p>
    </div>
  );
}
