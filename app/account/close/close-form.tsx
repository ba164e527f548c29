'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { requestClosureAction } from './actions';

export function CloseAccountForm() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(requestClosureAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  if (state?.ok) {
    return (
      <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="close-done-title" data-testid="closure-requested">
        <div className="nhsuk-notification-banner__header">
          <h2 className="nhsuk-notification-banner__title" id="close-done-title">
            Success
          </h2>
        </div>
        <div className="nhsuk-notification-banner__content">
          <p className="nhsuk-notification-banner__heading">You have asked for your account to be closed.</p>
          <p>A moderator will close it soon. Until then you can keep using Watchroom.</p>
        </div>
      </div>
    );
  }
  const err = Boolean(state?.fields?.password);
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <form action={submit} noValidate>
        <div className={`nhsuk-form-group${err ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="password">
            Your password
          </label>
          <div className="nhsuk-hint" id="password-hint">
            To confirm it is you.
          </div>
          <FieldError state={state} field="password" />
          <input
            className={`nhsuk-input nhsuk-input--width-20${err ? ' nhsuk-input--error' : ''}`}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={err ? 'password-hint password-error' : 'password-hint'}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? 'Asking…' : 'Ask to close my account'}
        </button>
      </form>
    </div>
  );
}
