'use client';
import { useActionState, useEffect, useRef } from 'react';
import { setFlagsAction, type FlagsState } from './actions';

/** Pin/Unpin and Lock/Unlock for moderators. The button keeps focus; its label flips and a status says what happened. */
export function ModeratorTools({
  threadId,
  pinned,
  locked,
  onChanged,
}: {
  threadId: string;
  pinned: boolean;
  locked: boolean;
  onChanged: (flags: { pinned: boolean; locked: boolean }) => void;
}) {
  const [state, action, pending] = useActionState<FlagsState | undefined, FormData>(setFlagsAction, undefined);
  const latest = useRef(onChanged);
  latest.current = onChanged;
  useEffect(() => {
    if (state?.ok && state.pinned !== undefined && state.locked !== undefined) latest.current({ pinned: state.pinned, locked: state.locked });
  }, [state]);
  return (
    <section className="wr-mod-tools" aria-labelledby="mod-tools-heading" data-testid="moderator-tools">
      <h2 className="nhsuk-heading-xs wr-mod-tools__heading" id="mod-tools-heading">
        Moderator actions
      </h2>
      <form action={action} className="nhsuk-button-group nhsuk-button-group--small">
        <input type="hidden" name="threadId" value={threadId} />
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="submit"
          name="change"
          value={pinned ? 'unpin' : 'pin'}
          aria-disabled={pending}
          onClick={(e) => pending && e.preventDefault()}
        >
          {pinned ? 'Unpin thread' : 'Pin thread'}
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="submit"
          name="change"
          value={locked ? 'unlock' : 'lock'}
          aria-disabled={pending}
          onClick={(e) => pending && e.preventDefault()}
        >
          {locked ? 'Unlock thread' : 'Lock thread'}
        </button>
      </form>
      <p className="nhsuk-body-s wr-mod-tools__status" role="status">
        {state?.error ? <span className="nhsuk-error-message">{state.error}</span> : (state?.message ?? '')}
      </p>
    </section>
  );
}
