import type { FormState } from '@/lib/http/action';
import { FieldError } from './error-summary';

/** A moderator's reason (field `reason`): label, hint, its error and a textarea, as every moderation form asks for it. */
export function ReasonField({ id, label, hint, state }: { id: string; label: string; hint: string; state: FormState | undefined }) {
  const error = Boolean(state?.fields?.reason);
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <FieldError state={state} field="reason" id={`${id}-error`} />
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        name="reason"
        rows={3}
        maxLength={1000}
        defaultValue={state?.values?.reason ?? ''}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}
