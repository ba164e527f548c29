'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { formatDateTime } from '../../_components/date-time';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { createTokenAction, type CreateTokenState } from './actions';

const expiries = [
  { days: '7', text: '7 days' },
  { days: '30', text: '30 days' },
  { days: '90', text: '90 days (recommended)' },
  { days: '180', text: '180 days' },
  { days: '365', text: '1 year' },
];

/** Create a token; on success the secret is shown here once, with a copy button, and never again. */
export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState | undefined, FormData>(createTokenAction, undefined);
  const summaryRef = useErrorSummaryFocus(state?.error ? state : null);
  const shown = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  const created = state?.created;
  useEffect(() => {
    if (created) shown.current?.focus();
    setCopied(false);
  }, [created]);
  const nameError = Boolean(state?.fields?.name);
  const scopeError = Boolean(state?.fields?.scope);

  return (
    <div ref={summaryRef}>
      {created ? (
        <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="region" aria-labelledby="token-created-title" tabIndex={-1} ref={shown} data-testid="token-created">
          <div className="nhsuk-notification-banner__header">
            <h2 className="nhsuk-notification-banner__title" id="token-created-title">
              Token created
            </h2>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p className="nhsuk-notification-banner__heading">Copy your token now. You will not be able to see it again.</p>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="new-token">
                {created.name} ({created.scope === 'read' ? 'read-only' : 'read and write'}, expires {formatDateTime(created.expiresAt)})
              </label>
              <input className="nhsuk-input wr-token-value" id="new-token" type="text" readOnly value={created.token} spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} data-testid="token-value" />
            </div>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={async () => {
                await navigator.clipboard?.writeText(created.token).then(() => setCopied(true), () => setCopied(false));
              }}
            >
              Copy token
            </button>
            <p className="nhsuk-body-s" role="status">
              {copied ? 'Copied to the clipboard.' : ''}
            </p>
            <p className="nhsuk-body-s">
              Send it as <code>Authorization: Bearer {created.token.slice(0, 10)}…</code> to <code>/api/v1</code>. Keep it secret, like a password.
            </p>
          </div>
        </div>
      ) : null}
      <ErrorSummary state={state} fieldIds={{ name: 'token-name', scope: 'scope-read', expiresInDays: 'token-expiry' }} titleId="token-error-title" />
      <form action={action} noValidate data-testid="create-token-form">
        <div className={`nhsuk-form-group${nameError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="token-name">
            Name
          </label>
          <div className="nhsuk-hint" id="token-name-hint">
            What the token is for, for example “SIEM export”.
          </div>
          <FieldError state={state} field="name" id="token-name-error" />
          <input
            className={`nhsuk-input nhsuk-u-width-two-thirds${nameError ? ' nhsuk-input--error' : ''}`}
            id="token-name"
            name="name"
            type="text"
            maxLength={100}
            autoComplete="off"
            defaultValue={created ? '' : (state?.values?.name ?? '')}
            aria-describedby={nameError ? 'token-name-hint token-name-error' : 'token-name-hint'}
          />
        </div>
        <div className={`nhsuk-form-group${scopeError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={scopeError ? 'scope-error' : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What may it do?</legend>
            <FieldError state={state} field="scope" id="scope-error" />
            <div className="nhsuk-radios">
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="scope-read" name="scope" type="radio" value="read" defaultChecked={(state?.values?.scope ?? 'read') === 'read'} aria-describedby="scope-read-hint" />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="scope-read">
                  Read only
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id="scope-read-hint">
                  Reads what you can read. Anything else is refused.
                </div>
              </div>
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="scope-read-write" name="scope" type="radio" value="read_write" defaultChecked={state?.values?.scope === 'read_write'} aria-describedby="scope-rw-hint" />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="scope-read-write">
                  Read and write
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id="scope-rw-hint">
                  Can also post and act as you through the API.
                </div>
              </div>
            </div>
          </fieldset>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="token-expiry">
            Expires after
          </label>
          <FieldError state={state} field="expiresInDays" id="token-expiry-error" />
          <select className="nhsuk-select" id="token-expiry" name="expiresInDays" defaultValue={state?.values?.expiresInDays ?? '90'}>
            {expiries.map((e) => (
              <option key={e.days} value={e.days}>
                {e.text}
              </option>
            ))}
          </select>
        </div>
        <button className="nhsuk-button" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </form>
    </div>
  );
}
