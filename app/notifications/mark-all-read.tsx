'use client';
import { useActionState, useEffect, useRef } from 'react';
import { markAllRead, type MarkReadState } from './actions';

/** "Mark all as read"; afterwards focus moves to the confirmation, since the button itself goes away. */
export function MarkAllRead({ unread }: { unread: number }) {
  const [state, action, pending] = useActionState<MarkReadState | undefined, FormData>(markAllRead, undefined);
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state?.done) message.current?.focus();
  }, [state?.done]);
  return (
    <div className="wr-mark-read">
      {unread > 0 ? (
        <form action={action}>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
            {pending ? 'Marking…' : 'Mark all as read'}
          </button>
        </form>
      ) : null}
      <p ref={message} className="nhsuk-body-s wr-mark-read__status" role="status" tabIndex={-1}>
        {state?.error ? state.error : state?.ok ? 'All notifications are marked as read.' : ''}
      </p>
    </div>
  );
}
