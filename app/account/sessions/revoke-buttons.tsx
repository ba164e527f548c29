'use client';
import { useActionState } from 'react';
import { ErrorSummary } from '../../_components/error-summary';
import { revokeOthersAction, revokeSessionAction, type RevokeState } from './actions';

/** Signs one session out; the label names the device so screen reader users know which. */
export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const [state, submit, pending] = useActionState<RevokeState | undefined, FormData>(revokeSessionAction, undefined);
  return (
    <form action={submit}>
      <input type="hidden" name="sessionId" value={sessionId} />
      {state?.error ? <p className="nhsuk-error-message">{state.error}</p> : null}
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit" disabled={pending}>
        Sign out<span className="nhsuk-u-visually-hidden"> {device}</span>
      </button>
    </form>
  );
}

export function RevokeOthersButton() {
  const [state, submit, pending] = useActionState<RevokeState | undefined, FormData>(revokeOthersAction, undefined);
  return (
    <form action={submit}>
      <ErrorSummary state={state} />
      <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={pending} data-testid="revoke-others">
        Sign out everywhere else
      </button>
    </form>
  );
}
