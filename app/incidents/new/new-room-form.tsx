'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { useErrorTitle } from '../_components/use-error-title';
import { openRoomAction } from './actions';
import { SmsPreview } from './sms-preview';

type Organisation = { odsCode: string; name: string };

const severities = [
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];

const ceilings = [
  { value: 'AMBER', hint: 'Room members and, on need-to-know, colleagues of their organisations.' },
  { value: 'AMBER+STRICT', hint: 'Room members and, on need-to-know, colleagues of their own organisation only.' },
  { value: 'RED', hint: 'Named people only: no organisations, no nominations, no export.' },
];

const initial: FormState = {};

/** Joins the ids of the hint and the error (when shown) for aria-describedby. */
function describedBy(state: FormState, field: string, hintId?: string) {
  const ids = [hintId, state.fields?.[field]?.length ? `${field.replace(/\./g, '-')}-error` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function groupClass(state: FormState, field: string) {
  return state.fields?.[field]?.length ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group';
}

export function NewRoomForm({ organisations }: { organisations: Organisation[] }) {
  const [state, action, pending] = useActionState(openRoomAction, initial);
  const summaryRef = useErrorSummaryFocus(state.error ? state : null);
  useErrorTitle(Boolean(state.error));
  const v = state.values ?? {};
  const chosenOrganisations = new Set((v.organisations ?? '').split(',').filter(Boolean));
  const has = (field: string) => Boolean(state.fields?.[field]?.length);

  return (
    <form action={action} noValidate>
      <div ref={summaryRef}>
        <ErrorSummary state={state} />
      </div>

      <div className={groupClass(state, 'title')}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="title">
          Restricted title
        </label>
        <div className="nhsuk-hint" id="title-hint">
          Only members of the room see this.
        </div>
        <FieldError state={state} field="title" />
        <input
          className={`nhsuk-input${has('title') ? ' nhsuk-input--error' : ''}`}
          id="title"
          name="title"
          type="text"
          maxLength={200}
          defaultValue={v.title}
          aria-describedby={describedBy(state, 'title', 'title-hint')}
        />
      </div>

      <div className={groupClass(state, 'severity')}>
        <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(state, 'severity', 'severity-hint')}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Severity</legend>
          <div className="nhsuk-hint" id="severity-hint">
            High and critical rooms text everyone invited
          </div>
          <FieldError state={state} field="severity" />
          <div className="nhsuk-radios nhsuk-radios--inline">
            {severities.map((s, i) => (
              <div className="nhsuk-radios__item" key={s.value}>
                <input
                  className="nhsuk-radios__input"
                  id={i === 0 ? 'severity' : `severity-${s.value}`}
                  name="severity"
                  type="radio"
                  value={s.value}
                  defaultChecked={v.severity === s.value}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={i === 0 ? 'severity' : `severity-${s.value}`}>
                  {s.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      <div className={groupClass(state, 'tlp')}>
        <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(state, 'tlp', 'tlp-hint')}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">TLP ceiling</legend>
          <div className="nhsuk-hint" id="tlp-hint">
            The most restricted label any post in the room may carry. The room itself is shown with this label.
          </div>
          <FieldError state={state} field="tlp" />
          <div className="nhsuk-radios">
            {ceilings.map((c, i) => {
              const id = i === 0 ? 'tlp' : `tlp-${c.value.replace('+', '-').toLowerCase()}`;
              return (
                <div className="nhsuk-radios__item" key={c.value}>
                  <input
                    className="nhsuk-radios__input"
                    id={id}
                    name="tlp"
                    type="radio"
                    value={c.value}
                    defaultChecked={v.tlp === c.value}
                    aria-describedby={`${id}-item-hint`}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                    TLP:{c.value}
                  </label>
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                    {c.hint}
                  </div>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>

      <div className={groupClass(state, 'summary')}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="summary">
          Restricted summary
        </label>
        <div className="nhsuk-hint" id="summary-hint">
          What has happened and what is affected. Only members of the room see this.
        </div>
        <FieldError state={state} field="summary" />
        <textarea
          className={`nhsuk-textarea${has('summary') ? ' nhsuk-textarea--error' : ''}`}
          id="summary"
          name="summary"
          rows={5}
          defaultValue={v.summary}
          aria-describedby={describedBy(state, 'summary', 'summary-hint')}
        />
      </div>

      <div className={groupClass(state, 'publicHeadline')}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="publicHeadline">
          Public headline
        </label>
        <div className="nhsuk-hint" id="publicHeadline-hint">
          Shown on the public bulletin and in the SMS alert. Must not contain restricted details
        </div>
        <FieldError state={state} field="publicHeadline" />
        <input
          className={`nhsuk-input${has('publicHeadline') ? ' nhsuk-input--error' : ''}`}
          id="publicHeadline"
          name="publicHeadline"
          type="text"
          maxLength={200}
          defaultValue={v.publicHeadline}
          aria-describedby={describedBy(state, 'publicHeadline', 'publicHeadline-hint')}
        />
      </div>

      <div className={groupClass(state, 'invite.organisations')}>
        <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(state, 'invite.organisations', 'invite-organisations-hint')}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Invite organisations</legend>
          <div className="nhsuk-hint" id="invite-organisations-hint">
            Everyone active in an invited organisation joins the room. Not for TLP:RED rooms, which admit named people only.
          </div>
          <FieldError state={state} field="invite.organisations" />
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            {organisations.map((o, i) => {
              const id = i === 0 ? 'invite-organisations' : `invite-organisations-${o.odsCode.toLowerCase()}`;
              return (
                <div className="nhsuk-checkboxes__item" key={o.odsCode}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={id}
                    name="organisations"
                    type="checkbox"
                    value={o.odsCode}
                    defaultChecked={chosenOrganisations.has(o.odsCode)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                    {o.name} <span className="wr-ods-code">(ODS code {o.odsCode})</span>
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>

      <div className={groupClass(state, 'invite.users')}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="invite-users">
          Invite people
        </label>
        <div className="nhsuk-hint" id="invite-users-hint">
          Email addresses of Watchroom members, one per line
        </div>
        <FieldError state={state} field="invite.users" />
        <textarea
          className={`nhsuk-textarea${has('invite.users') ? ' nhsuk-textarea--error' : ''}`}
          id="invite-users"
          name="users"
          rows={4}
          autoComplete="off"
          spellCheck={false}
          defaultValue={v.users}
          aria-describedby={describedBy(state, 'invite.users', 'invite-users-hint')}
        />
      </div>

      <SmsPreview />

      <button className="nhsuk-button" type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? 'Opening the incident room…' : 'Open incident room'}
      </button>
    </form>
  );
}
