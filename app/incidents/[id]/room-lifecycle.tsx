'use client';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';
import type { RoomStatus, Severity } from '../_components/labels';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
const initial: FormState = {};
const STATUSES: RoomStatus[] = ['open', 'contained', 'resolved', 'closed'];
const SEVERITIES: Severity[] = ['low', 'moderate', 'high', 'critical'];
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * The lead's controls: move the status forward, change severity (raising it to high or critical
 * texts members not yet alerted), archive once closed. Shown only to those who may manage the room.
 */
export function RoomLifecycle({
  status,
  severity,
  archived,
  statusAction,
  severityAction,
  archiveAction,
}: {
  status: RoomStatus;
  severity: Severity;
  archived: boolean;
  statusAction: Action;
  severityAction: Action;
  archiveAction: Action;
}) {
  const [statusState, statusForm, statusPending] = useActionState(statusAction, initial);
  const [severityState, severityForm, severityPending] = useActionState(severityAction, initial);
  const [archiveState, archiveForm, archivePending] = useActionState(archiveAction, initial);
  const later = STATUSES.slice(STATUSES.indexOf(status) + 1);
  const closed = status === 'closed';

  return (
    <section aria-labelledby="manage-heading" className="wr-room-manage" data-testid="room-lifecycle">
      <h2 id="manage-heading" className="nhsuk-heading-m">
        Manage the room
      </h2>
      {closed ? null : (
        <div className="wr-room-manage__forms">
          <form action={statusForm} noValidate>
            <ErrorSummary state={statusState} titleId="status-error-title" fieldIds={{ status: 'room-status' }} />
            <div className="nhsuk-form-group">
              <label className="nhsuk-label nhsuk-label--s" htmlFor="room-status">
                Move status to
              </label>
              <div className="nhsuk-hint" id="room-status-hint">
                Status only moves forward. A closed room is read-only.
              </div>
              <select className="nhsuk-select" id="room-status" name="status" aria-describedby="room-status-hint" defaultValue={later[0]}>
                {later.map((s) => (
                  <option key={s} value={s}>
                    {cap(s)}
                  </option>
                ))}
              </select>
            </div>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={statusPending}>
              Change status
            </button>
          </form>
          <form action={severityForm} noValidate>
            <ErrorSummary state={severityState} titleId="severity-error-title" fieldIds={{ severity: 'room-severity' }} />
            <div className="nhsuk-form-group">
              <label className="nhsuk-label nhsuk-label--s" htmlFor="room-severity">
                Severity
              </label>
              <div className="nhsuk-hint" id="room-severity-hint">
                Raising it to high or critical texts members not yet alerted and publishes a public bulletin if there is none.
              </div>
              <select
                className="nhsuk-select"
                id="room-severity"
                name="severity"
                aria-describedby="room-severity-hint"
                defaultValue={severity}
                key={severity}
              >
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {cap(s)}
                  </option>
                ))}
              </select>
            </div>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={severityPending}>
              Change severity
            </button>
          </form>
        </div>
      )}
      {closed && !archived ? (
        <form action={archiveForm}>
          <ErrorSummary state={archiveState} titleId="archive-error-title" />
          <p>This room is closed. Archiving moves it out of the active list; members can still read it.</p>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={archivePending}>
            Archive room
          </button>
        </form>
      ) : null}
      {archived ? <p>This room is closed and archived.</p> : null}
    </section>
  );
}
