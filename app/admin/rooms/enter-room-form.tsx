'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';

/** Entering a room needs a reason; the room's leads are told and the entry is audited. */
export function EnterRoomForm({ reference, action }: { reference: string; action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `reason-${reference}`;
  return (
    <form action={formAction} noValidate className="wr-enter-room">
      {state.error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {state.fields?.reason?.join('. ') ?? state.error}
        </p>
      ) : null}
      <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={id}>
        Reason for entering {reference}
      </label>
      <input className="nhsuk-input" id={id} name="reason" placeholder="Reason (recorded and shown to the leads)" defaultValue={state.values?.reason} />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" disabled={pending}>
        Enter<span className="nhsuk-u-visually-hidden"> {reference}</span>
      </button>
    </form>
  );
}
