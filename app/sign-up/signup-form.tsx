'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { requestSignupAction } from './actions';

type Organisation = { odsCode: string; name: string };

const fieldOrder = ['name', 'email', 'odsCode', 'jobRole', 'sponsorEmail', 'password'];

export function SignupForm({ organisations, receivedMessage }: { organisations: Organisation[]; receivedMessage: string }) {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(requestSignupAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  if (state?.ok) {
    return (
      <div className="nhsuk-panel" role="status" data-testid="signup-received">
        <h2 className="nhsuk-panel__title">Request received</h2>
        <p>{receivedMessage}</p>
      </div>
    );
  }
  const v = (f: string) => state?.values?.[f] ?? '';
  const err = (f: string) => Boolean(state?.fields?.[f]);
  const group = (f: string) => `nhsuk-form-group${err(f) ? ' nhsuk-form-group--error' : ''}`;
  const input = (f: string, extra = '') => `nhsuk-input${extra ? ` ${extra}` : ''}${err(f) ? ' nhsuk-input--error' : ''}`;
  const describedBy = (f: string, hint = true) => [hint ? `${f}-hint` : '', err(f) ? `${f}-error` : ''].filter(Boolean).join(' ') || undefined;
  const ordered: FormState | undefined = state?.fields
    ? { ...state, fields: Object.fromEntries(fieldOrder.filter((f) => state.fields?.[f]).map((f) => [f, state.fields![f]])) }
    : state;
  return (
    <div ref={ref}>
      <ErrorSummary state={ordered} />
      <form action={submit} noValidate>
        <div className={group('name')}>
          <label className="nhsuk-label" htmlFor="name">Full name</label>
          <FieldError state={state} field="name" />
          <input className={input('name', 'nhsuk-u-width-two-thirds')} id="name" name="name" autoComplete="name" defaultValue={v('name')} aria-describedby={describedBy('name', false)} />
        </div>
        <div className={group('email')}>
          <label className="nhsuk-label" htmlFor="email">Work email address</label>
          <div className="nhsuk-hint" id="email-hint">Your NHS or care organisation email, for example name@nhs.net</div>
          <FieldError state={state} field="email" />
          <input className={input('email', 'nhsuk-u-width-two-thirds')} id="email" name="email" type="email" autoComplete="email" spellCheck={false} defaultValue={v('email')} aria-describedby={describedBy('email')} />
        </div>
        <div className={group('odsCode')}>
          <label className="nhsuk-label" htmlFor="odsCode">Organisation</label>
          <div className="nhsuk-hint" id="odsCode-hint">Listed by name with its ODS code. Type to jump to it.</div>
          <FieldError state={state} field="odsCode" />
          <select className={`nhsuk-select${err('odsCode') ? ' nhsuk-select--error' : ''}`} id="odsCode" name="odsCode" defaultValue={v('odsCode')} key={`ods-${v('odsCode')}`} aria-describedby={describedBy('odsCode')}>
            <option value="">Choose your organisation</option>
            {organisations.map((o) => (
              <option key={o.odsCode} value={o.odsCode}>{o.name} ({o.odsCode})</option>
            ))}
          </select>
        </div>
        <div className={group('jobRole')}>
          <label className="nhsuk-label" htmlFor="jobRole">Job role</label>
          <div className="nhsuk-hint" id="jobRole-hint">For example, Head of Cyber Security or IT Security Analyst</div>
          <FieldError state={state} field="jobRole" />
          <input className={input('jobRole', 'nhsuk-u-width-two-thirds')} id="jobRole" name="jobRole" autoComplete="organization-title" defaultValue={v('jobRole')} aria-describedby={describedBy('jobRole')} />
        </div>
        <div className={group('sponsorEmail')}>
          <label className="nhsuk-label" htmlFor="sponsorEmail">Your sponsor’s work email address</label>
          <div className="nhsuk-hint" id="sponsorEmail-hint">A Watchroom member who knows your work. We will ask them to vouch for you.</div>
          <FieldError state={state} field="sponsorEmail" />
          <input className={input('sponsorEmail', 'nhsuk-u-width-two-thirds')} id="sponsorEmail" name="sponsorEmail" type="email" autoComplete="off" spellCheck={false} defaultValue={v('sponsorEmail')} aria-describedby={describedBy('sponsorEmail')} />
        </div>
        <div className={group('password')}>
          <label className="nhsuk-label" htmlFor="password">Choose a password</label>
          <div className="nhsuk-hint" id="password-hint">At least 12 characters. A few unrelated words work well. Not your name or email.</div>
          <FieldError state={state} field="password" />
          <input className={input('password', 'nhsuk-u-width-two-thirds')} id="password" name="password" type="password" autoComplete="new-password" aria-describedby={describedBy('password')} />
        </div>
        <button className="nhsuk-button" type="submit" disabled={pending}>Send request</button>
      </form>
    </div>
  );
}
