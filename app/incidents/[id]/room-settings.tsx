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
  const timings = [
    {
      field: 'updateIntervalMinutes',
      id: 'room-update-interval',
      label: 'Status update interval, in minutes',
      hint: `Leads are reminded when no status update has been posted for this long. From ${bounds.updateInterval.min} to ${bounds.updateInterval.max}.`,
      current: updateIntervalMinutes,
    },
    {
      field: 'escalationMinutes',
      id: 'room-escalation',
      label: 'Escalation time, in minutes',
      hint: `An organisation that has not acknowledged this long after its alert has its deputy contacts texted. Applies to organisations alerted from now on. From ${bounds.escalation.min} to ${bounds.escalation.max}.`,
      current: escalationMinutes,
    },
  ];

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
          {timings.map((t) => (
            <div key={t.field} className={`nhsuk-form-group${invalid(t.field) ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor={t.id}>
                {t.label}
              </label>
              <div className="nhsuk-hint" id={`${t.id}-hint`}>
                {t.hint}
              </div>
              <FieldError state={settingsState} field={t.field} id={`${t.id}-error`} />
              <input
                className="nhsuk-input nhsuk-input--width-4"
                id={t.id}
                name={t.field}
                type="text"
                inputMode="numeric"
                aria-describedby={`${t.id}-hint`}
                defaultValue={settingsState.values?.[t.field] ?? String(t.current)}
                key={`${t.field}${t.current}`}
              />
            </div>
          ))}
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={settingsPending}>
            Save timings
          </button>
        </form>
      </div>
    </section>
  );
}
