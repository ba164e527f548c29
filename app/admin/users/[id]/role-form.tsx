'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { changeRoleAction } from '../actions';
import { roleLabel } from '../labels';

type Role = keyof typeof roleLabel;

export function RoleForm({ userId, current }: { userId: string; current: Role }) {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(changeRoleAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const err = (f: string) => Boolean(state?.fields?.[f]);
  const chosen = (state?.values?.role as Role | undefined) ?? current;
  return (
    <div ref={ref}>
      <ErrorSummary state={state?.error && !state.fields ? { ...state, fields: { role: [state.error] } } : state} fieldIds={{ role: `role-${chosen}` }} />
      <form action={submit} noValidate>
        <input type="hidden" name="id" value={userId} />
        <div className={`nhsuk-form-group${err('role') ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="role-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Role</legend>
            <div className="nhsuk-hint" id="role-hint">They will be signed out everywhere, and may need to set up two-step verification.</div>
            <FieldError state={state} field="role" />
            <div className="nhsuk-radios">
              {(Object.keys(roleLabel) as Role[]).map((r) => (
                <div className="nhsuk-radios__item" key={r}>
                  <input className="nhsuk-radios__input" id={`role-${r}`} name="role" type="radio" value={r} defaultChecked={chosen === r} />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`role-${r}`}>{roleLabel[r]}{r === current ? ' (current)' : ''}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`nhsuk-form-group${err('reason') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="reason">Reason</label>
          <div className="nhsuk-hint" id="reason-hint">Required. Recorded in the staff action log.</div>
          <FieldError state={state} field="reason" />
          <textarea
            className={`nhsuk-textarea${err('reason') ? ' nhsuk-textarea--error' : ''}`}
            id="reason"
            name="reason"
            rows={3}
            defaultValue={state?.values?.reason}
            aria-describedby={`reason-hint${err('reason') ? ' reason-error' : ''}`}
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={pending}>Change role</button>
      </form>
    </div>
  );
}
