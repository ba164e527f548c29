'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';
import type { Tlp } from '@/lib/policy';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
const initial: FormState = {};
const CEILINGS: Tlp[] = ['AMBER', 'AMBER+STRICT', 'RED'];

/**
 * The TLP ceiling and the room's timings, for those who manage it. The page re-renders with the new
 * banner when the change commits (and other members' pages follow live).
 */
export function RoomSettings({
  tlp,
  updateIntervalMinutes,
  escalationMinutes,
  bounds,
  tlpAction,
  settingsAction,
}: {
  tlp: Tlp;
  updateIntervalMinutes: number;
  escalationMinutes: number;
  bounds: { updateInterval: { min: number; max: number }; escalation: { min: number; max: number } };
  tlpAction: Action;
  settingsAction: Action;
}) {
  const [tlpState, tlpForm, tlpPending] = useActionState(tlpAction, initial);
  const [settingsState, settingsForm, settingsPending] = useActionState(settingsAction, initial);
  const invalid = (field: string) => Boolean(settingsState.fields?.[field]?.length);

  return (
    <section aria-labelledby="room-settings-heading" className="wr-room-manage" data-testid="room-settings">
      <h2 id="room-settings-heading" className="nhsuk-heading-m">
        TLP ceiling and timings
      </h2>
      <div className="wr-room-manage__forms">
        <form action={tlpForm} noValidate data-testid="tlp-form">
          <ErrorSummary state={tlpState} titleId="tlp-error-title" fieldIds={{ tlp: 'room-tlp' }} />
          <div className={`nhsuk-form-group${tlpState.fields?.tlp ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label nhsuk-label--s" htmlFor="room-tlp">
              TLP ceiling
            </label>
            <div className="nhsuk-hint" id="room-tlp-hint">
              Raising it is always allowed. It cannot go below the label of any post, and a room with organisations cannot become RED (RED admits named people only).
            </div>
            <FieldError state={tlpState} field="tlp" id="room-tlp-error" />
            <select className="nhsuk-select" id="room-tlp" name="tlp" aria-describedby="room-tlp-hint" defaultValue={tlp} key={tlp}>
              {CEILINGS.map((c) => (
                <option key={c} value={c}>
                  TLP:{c}
                </option>
              ))}
            </select>
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={tlpPending}>
            Change TLP ceiling
          </button>
        </form>
        <form action={settingsForm} noValidate data-testid="settings-form">
          <ErrorSummary
            state={settingsState}
            titleId="settings-error-title"
            fieldIds={{ updateIntervalMinutes: 'room-update-interval', escalationMinutes: 'room-escalation' }}
          />
          <div className={`nhsuk-form-group${invalid('updateIntervalMinutes') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label nhsuk-label--s" htmlFor="room-update-interval">
              Status update interval, in minutes
            </label>
            <div className="nhsuk-hint" id="room-update-interval-hint">
              Leads are reminded when no status update has been posted for this long. From {bounds.updateInterval.min} to {bounds.updateInterval.max}.
            </div>
            <FieldError state={settingsState} field="updateIntervalMinutes" id="room-update-interval-error" />
            <input
              className="nhsuk-input nhsuk-input--width-4"
              id="room-update-interval"
              name="updateIntervalMinutes"
              type="text"
              inputMode="numeric"
              aria-describedby="room-update-interval-hint"
              defaultValue={settingsState.values?.updateIntervalMinutes ?? String(updateIntervalMinutes)}
              key={`u${updateIntervalMinutes}`}
            />
          </div>
          <div className={`nhsuk-form-group${invalid('escalationMinutes') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label nhsuk-label--s" htmlFor="room-escalation">
              Escalation time, in minutes
            </label>
            <div className="nhsuk-hint" id="room-escalation-hint">
              An organisation that has not acknowledged this long after its alert has its deputy contacts texted. Applies to organisations alerted
              from now on. From {bounds.escalation.min} to {bounds.escalation.max}.
            </div>
            <FieldError state={settingsState} field="escalationMinutes" id="room-escalation-error" />
            <input
              className="nhsuk-input nhsuk-input--width-4"
              id="room-escalation"
              name="escalationMinutes"
              type="text"
              inputMode="numeric"
              aria-describedby="room-escalation-hint"
              defaultValue={settingsState.values?.escalationMinutes ?? String(escalationMinutes)}
              key={`e${escalationMinutes}`}
            />
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={settingsPending}>
            Save timings
          </button>
        </form>
      </div>
    </section>
  );
}
