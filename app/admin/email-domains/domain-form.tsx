'use client';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { addDomainAction } from './actions';

export function DomainForm() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(addDomainAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const err = Boolean(state?.fields?.domain) || Boolean(state?.error);
  return (
    <div ref={ref}>
      <ErrorSummary state={state?.error && !state.fields ? { ...state, fields: { domain: [state.error] } } : state} />
      <form action={submit} noValidate>
        <div className={`nhsuk-form-group${err ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="domain">Domain</label>
          <div className="nhsuk-hint" id="domain-hint">The part after the @, for example nhs.net. Subdomains must be added on their own.</div>
          {state?.error ? (
            <span className="nhsuk-error-message" id="domain-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {state.fields?.domain?.join('. ') ?? state.error}
            </span>
          ) : null}
          <input
            className={`nhsuk-input nhsuk-input--width-20${err ? ' nhsuk-input--error' : ''}`}
            id="domain"
            name="domain"
            autoComplete="off"
            spellCheck={false}
            defaultValue={state?.values?.domain}
            aria-describedby={`domain-hint${err ? ' domain-error' : ''}`}
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={pending}>Add domain</button>
      </form>
    </div>
  );
}

