'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';
import { addContactAction } from './actions';

type Organisation = { odsCode: string; name: string };

export function ContactForm({ organisations }: { organisations: Organisation[] }) {
  const [state, action, pending] = useActionState(addContactAction, {} as FormState);
  const v = state.values ?? {};
  const group = (f: string) => (state.fields?.[f]?.length ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group');
  return (
    <form action={action} noValidate>
      <ErrorSummary state={state} />
      <div className={group('odsCode')}>
        <label className="nhsuk-label" htmlFor="odsCode">Organisation</label>
        <FieldError state={state} field="odsCode" />
        <select className="nhsuk-select" id="odsCode" name="odsCode" defaultValue={v.odsCode} key={`org-${v.odsCode ?? ""}`}>
          {organisations.map((o) => (
            <option key={o.odsCode} value={o.odsCode}>{o.name} ({o.odsCode})</option>
          ))}
        </select>
      </div>
      <div className={group('role')}>
        <label className="nhsuk-label" htmlFor="role">Role</label>
        <div className="nhsuk-hint" id="role-hint">Primary and alert-only contacts are texted when the organisation is invited to a high or critical room; deputies if nobody there acknowledges in time.</div>
        <FieldError state={state} field="role" />
        <select className="nhsuk-select" id="role" name="role" defaultValue={v.role ?? 'deputy'} key={`role-${v.role ?? ""}`} aria-describedby="role-hint">
          <option value="primary">Primary key contact</option>
          <option value="deputy">Deputy key contact</option>
          <option value="alert_only">Alert-only contact (no account)</option>
        </select>
      </div>
      <div className={group('name')}>
        <label className="nhsuk-label" htmlFor="name">Name</label>
        <FieldError state={state} field="name" />
        <input className="nhsuk-input nhsuk-u-width-two-thirds" id="name" name="name" autoComplete="off" defaultValue={v.name} />
      </div>
      <div className={group('mobile')}>
        <label className="nhsuk-label" htmlFor="mobile">UK mobile number</label>
        <FieldError state={state} field="mobile" />
        <input className="nhsuk-input nhsuk-input--width-20" id="mobile" name="mobile" type="tel" autoComplete="off" defaultValue={v.mobile} />
      </div>
      <button className="nhsuk-button" type="submit" disabled={pending}>Add contact</button>
    </form>
  );
}
