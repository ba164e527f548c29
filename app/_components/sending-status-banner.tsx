import type { SendingState } from '@/lib/alerts/sending-controls';

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Shown wherever texts are tracked while nothing is being sent: an admin's pause, or Notify's daily limit. */
export function SendingStatusBanner({ state }: { state: SendingState }) {
  if (!state.paused && !state.heldUntil) return null;
  return (
    <div className="nhsuk-warning-callout" data-testid="sending-status" role="status">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {state.heldUntil ? 'SMS sending is held' : 'SMS sending is paused'}
        </span>
      </h3>
      {state.heldUntil ? (
        <p>
          GOV.UK Notify’s daily limit was reached ({state.heldReason ?? 'TooManyRequestsError'}). No texts will be sent until{' '}
          <strong>{utc(state.heldUntil)}</strong>, when the UTC day changes. Texts waiting now are queued and will go then.
        </p>
      ) : null}
      {state.paused ? (
        <p>
          An admin paused all sending{state.pausedAt ? ` at ${utc(state.pausedAt)}` : ''}. New texts are queued, none are lost, and they
          will be sent when sending is resumed.
        </p>
      ) : null}
    </div>
  );
}
