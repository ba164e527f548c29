'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { changePasswordAction } from './actions';

const fields = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password', hint: null },
  {
    name: 'newPassword',
    label: 'New password',
    autoComplete: 'new-password',
    hint: 'At least 12 characters. A few unrelated words together are easy to remember and hard to guess. Do not use your name, your email address or a common password.',
  },
  { name: 'confirmPassword', label: 'Confirm new password', autoComplete: 'new-password', hint: null },
] as const;

export function PasswordForm() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(changePasswordAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  if (state?.ok) {
    return (
      <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="password-done-title" data-testid="password-done">
        <div className="nhsuk-notification-banner__header">
          <h2 className="nhsuk-notification-banner__title" id="password-done-title">
            Success
          </h2>
        </div>
        <div className="nhsuk-notification-banner__content">
          <p className="nhsuk-notification-banner__heading">Your password is changed.</p>
          <p>You are signed out everywhere else. You stay signed in here.</p>
        </div>
      </div>
    );
  }
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <form action={submit} noValidate>
        {fields.map((f) => {
          const err = Boolean(state?.fields?.[f.name]);
          const described = [f.hint ? `${f.name}-hint` : '', err ? `${f.name}-error` : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div key={f.name} className={`nhsuk-form-group${err ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor={f.name}>
                {f.label}
              </label>
              {f.hint ? (
                <div className="nhsuk-hint" id={`${f.name}-hint`}>
                  {f.hint}
                </div>
              ) : null}
              <FieldError state={state} field={f.name} />
              <input
                className={`nhsuk-input nhsuk-input--width-20${err ? ' nhsuk-input--error' : ''}`}
                id={f.name}
                name={f.name}
                type="password"
                autoComplete={f.autoComplete}
                aria-describedby={described}
              />
            </div>
          );
        })}
        <button className="nhsuk-button" type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </div>
  );
}
