'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../../_components/error-summary';
import { useErrorSummaryFocus } from '../../../_components/use-error-summary-focus';

type Action = (prev: FormState | undefined, form: FormData) => Promise<FormState>;

function TextField({ name, label, hint, state, prefix, type = 'text', multiline = false }: { name: string; label: string; hint?: string; state: FormState | undefined; prefix: string; type?: string; multiline?: boolean }) {
  const id = `${prefix}-${name}`;
  const error = Boolean(state?.fields?.[name]);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError state={state} field={name} id={`${id}-error`} />
      {multiline ? (
        <textarea className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} id={id} name={name} rows={3} maxLength={1000} defaultValue={state?.values?.[name] ?? ''} aria-describedby={describedBy} />
      ) : (
        <input className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`} id={id} name={name} type={type} defaultValue={state?.values?.[name] ?? ''} aria-describedby={describedBy} />
      )}
    </div>
  );
}

/** Silence (end date and reason required) or suspend (reason required, end date optional). */
export function SanctionForm({ kind, action, name }: { kind: 'silence' | 'suspend'; action: Action; name: string }) {
  const [state, formAction, pending] = useActionState<FormState | undefined, FormData>(action, undefined);
  const summaryRef = useErrorSummaryFocus(state?.error ? state : null);
  const prefix = kind;
  return (
    <div ref={summaryRef}>
      <ErrorSummary state={state} fieldIds={{ until: `${prefix}-until`, reason: `${prefix}-reason` }} titleId={`${prefix}-error-title`} />
      <form action={formAction} noValidate data-testid={`${kind}-form`}>
        <TextField
          prefix={prefix}
          name="until"
          type="date"
          label={kind === 'silence' ? 'Silenced until' : 'Suspended until (optional)'}
          hint={kind === 'silence' ? 'They can post again from the start of this day (UTC).' : 'Leave empty to suspend until a moderator lifts it.'}
          state={state}
        />
        <TextField prefix={prefix} name="reason" label="Reason" hint="Recorded in the staff action log." state={state} multiline />
        <button className={`nhsuk-button ${kind === 'suspend' ? 'nhsuk-button--warning' : 'nhsuk-button--secondary'}`} type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Saving…' : kind === 'silence' ? `Silence ${name}` : `Suspend ${name}`}
        </button>
      </form>
    </div>
  );
}

/** Lifts a silence or suspension now, with an optional note for the log. */
export function LiftForm({ what, action }: { what: 'silence' | 'suspension'; action: Action }) {
  const [state, formAction, pending] = useActionState<FormState | undefined, FormData>(action, undefined);
  const prefix = `lift-${what}`;
  return (
    <form action={formAction} noValidate data-testid={`${prefix}-form`}>
      {state?.error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {state.error}
        </p>
      ) : null}
      <TextField prefix={prefix} name="reason" label="Note for the log (optional)" state={state} />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="lift" value={what} aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
        {pending ? 'Lifting…' : what === 'silence' ? 'Lift the silence' : 'Lift the suspension'}
      </button>
    </form>
  );
}
