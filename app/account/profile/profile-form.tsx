'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { updateProfileAction } from './actions';

type Audience = 'members' | 'organisation' | 'staff';
type Field = 'jobRole' | 'bio' | 'email' | 'mobile';
type Profile = { jobRole: string; bio: string; email: string; mobile: string | null; visibility: Record<Field, Audience> };

const fieldLabel: Record<Field, string> = { jobRole: 'Job role', bio: 'About you', email: 'Email address', mobile: 'Mobile number' };
const audienceLabel: Record<Audience, string> = {
  members: 'All Watchroom members',
  organisation: 'People in my organisation',
  staff: 'Moderators and admins only',
};

export function ProfileForm({ profile }: { profile: Profile }) {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(updateProfileAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const err = (f: string) => Boolean(state?.fields?.[f]);
  const v = (f: string, fallback: string) => state?.values?.[f] ?? fallback;
  const fieldIds = Object.fromEntries((Object.keys(fieldLabel) as Field[]).map((f) => [`visibility.${f}`, `visibility-${f}-members`]));
  return (
    <div ref={ref}>
      <ErrorSummary state={state} fieldIds={fieldIds} />
      <form action={submit} noValidate>
        <div className={`nhsuk-form-group${err('jobRole') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="jobRole">Job role</label>
          <FieldError state={state} field="jobRole" />
          <input className="nhsuk-input nhsuk-u-width-two-thirds" id="jobRole" name="jobRole" autoComplete="organization-title" defaultValue={v('jobRole', profile.jobRole)} />
        </div>
        <div className={`nhsuk-form-group${err('bio') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="bio">About you</label>
          <div className="nhsuk-hint" id="bio-hint">What you work on, what you can help others with. Up to 2,000 characters.</div>
          <FieldError state={state} field="bio" />
          <textarea className="nhsuk-textarea" id="bio" name="bio" rows={4} defaultValue={v('bio', profile.bio)} aria-describedby="bio-hint" />
        </div>
        <h2>Who can see each detail</h2>
        <p>Moderators and admins can always see your details. Your name and organisation are shown to all members.</p>
        {(Object.keys(fieldLabel) as Field[]).map((f) => {
          const name = `visibility.${f}`;
          const chosen = v(name, profile.visibility[f]);
          const value = f === 'email' ? profile.email : f === 'mobile' ? (profile.mobile ?? 'not set') : null;
          return (
            <div className={`nhsuk-form-group${err(name) ? ' nhsuk-form-group--error' : ''}`} key={f}>
              <fieldset className="nhsuk-fieldset">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                  {fieldLabel[f]}
                  {value ? <span className="nhsuk-u-font-weight-normal"> ({value})</span> : null}
                </legend>
                <FieldError state={state} field={name} />
                <div className="nhsuk-radios nhsuk-radios--small">
                  {(Object.keys(audienceLabel) as Audience[]).map((a) => (
                    <div className="nhsuk-radios__item" key={a}>
                      <input className="nhsuk-radios__input" id={`visibility-${f}-${a}`} name={name} type="radio" value={a} defaultChecked={chosen === a} />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`visibility-${f}-${a}`}>{audienceLabel[a]}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          );
        })}
        <button className="nhsuk-button" type="submit" disabled={pending}>Save profile</button>
      </form>
    </div>
  );
}
