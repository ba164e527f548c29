'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
const initial: FormState = {};
const ROLES = ['lead', 'member', 'observer'] as const;
const roleText = { lead: 'Lead', member: 'Member', observer: 'Observer' } as const;

/** A lead's controls on one row of the access panel: change the room role, or remove the person now. */
export function MemberControls({
  name,
  role,
  roleAction,
  removeAction,
}: {
  name: string;
  role: (typeof ROLES)[number];
  roleAction: Action;
  removeAction: Action;
}) {
  const [roleState, roleForm, rolePending] = useActionState(roleAction, initial);
  const [removeState, removeForm, removePending] = useActionState(removeAction, initial);
  const error = roleState.error ?? removeState.error;
  const selectId = `role-${name.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="wr-member-controls">
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <form action={roleForm} className="wr-member-controls__form">
        <label className="nhsuk-u-visually-hidden" htmlFor={selectId}>
          Room role for {name}
        </label>
        <select className="nhsuk-select wr-select-s" id={selectId} name="role" defaultValue={role} key={role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleText[r]}
            </option>
          ))}
        </select>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" disabled={rolePending}>
          Change role<span className="nhsuk-u-visually-hidden"> for {name}</span>
        </button>
      </form>
      <form action={removeForm} className="wr-member-controls__form">
        <button className="nhsuk-button nhsuk-button--warning nhsuk-button--small" type="submit" disabled={removePending}>
          Remove<span className="nhsuk-u-visually-hidden"> {name} from the room</span>
        </button>
      </form>
    </div>
  );
}
