'use client';
import { useActionState } from 'react';
import './post-moderation.css';
import { ReasonField } from '../../_components/reason-field';
import { hidePostAction, reportPostAction, type PostActionState } from './actions';
import { ConfirmPanel } from './confirm-panel';
import { useDone } from './post-article';
import type { PostRow } from './post-rows';

type FormProps = { threadId: string; post: PostRow; onCancel: () => void; onDone: () => void };

/**
 * An inline panel under a post (like the delete confirmation): it takes focus when it opens, Escape
 * or Cancel closes it and focus goes back to the button that opened it.
 */

function FormError({ state }: { state: PostActionState | undefined }) {
  if (!state?.error || state.fields?.reason) return null;
  return (
    <p className="nhsuk-error-message" role="alert">
      <span className="nhsuk-u-visually-hidden">Error:</span> {state.error}
    </p>
  );
}

type ReasonFormSpec = {
  /** `report` or `hide`: names the ids and the test id. */
  name: 'report' | 'hide';
  action: (state: PostActionState | undefined, form: FormData) => Promise<PostActionState>;
  heading: string;
  label: string;
  hint: string;
  submit: { text: string; pending: string; className: string; change?: string };
};

/** An inline panel with a required reason, sent to a post action (report to moderators, or hide). */
function ReasonForm({ threadId, post, onCancel, onDone, spec }: FormProps & { spec: ReasonFormSpec }) {
  const [state, action, pending] = useActionState<PostActionState | undefined, FormData>(spec.action, undefined);
  useDone(state?.done, onDone);
  const headingId = `${spec.name}-heading-${post.id}`;
  return (
    <ConfirmPanel labelId={headingId} onCancel={onCancel}>
      <h3 className="nhsuk-heading-xs" id={headingId}>
        {spec.heading}
      </h3>
      <FormError state={state} />
      <form action={action} noValidate data-testid={`${spec.name}-form`}>
        <input type="hidden" name="threadId" value={threadId} />
        <input type="hidden" name="postId" value={post.id} />
        <ReasonField id={`${spec.name}-reason-${post.id}`} label={spec.label} hint={spec.hint} state={state} />
        <div className="nhsuk-button-group nhsuk-button-group--small">
          <button
            className={`nhsuk-button ${spec.submit.className} nhsuk-button--small`}
            type="submit"
            name={spec.submit.change ? 'change' : undefined}
            value={spec.submit.change}
            aria-disabled={pending}
            onClick={(e) => pending && e.preventDefault()}
          >
            {pending ? spec.submit.pending : spec.submit.text}
          </button>
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </ConfirmPanel>
  );
}

/** "Report this post": a reason for the moderators. */
export function ReportForm(props: FormProps) {
  return (
    <ReasonForm
      {...props}
      spec={{
        name: 'report',
        action: reportPostAction,
        heading: `Report ${props.post.authorName}’s post to the moderators`,
        label: 'Why are you reporting it?',
        hint: 'For example: it shares restricted (above TLP:GREEN) information, spam, abuse or personal data. Only moderators see this.',
        submit: { text: 'Send report', pending: 'Sending…', className: '' },
      }}
    />
  );
}

/** Moderators: hide with a reason (readers then see "hidden by a moderator"). */
export function HideForm(props: FormProps) {
  return (
    <ReasonForm
      {...props}
      spec={{
        name: 'hide',
        action: hidePostAction,
        heading: `Hide ${props.post.authorName}’s post`,
        label: 'Reason',
        hint: 'Recorded in the staff action log. Readers see only that a moderator hid the post; moderators can still read it and restore it.',
        submit: { text: 'Hide post', pending: 'Hiding…', className: 'nhsuk-button--warning', change: 'hide' },
      }}
    />
  );
}

/** Moderators: show a hidden post again. */
export function RestoreButton({ threadId, post, onDone }: Omit<FormProps, 'onCancel'>) {
  const [state, action, pending] = useActionState<PostActionState | undefined, FormData>(hidePostAction, undefined);
  useDone(state?.done, onDone);
  return (
    <form action={action} className="wr-inline-form">
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="postId" value={post.id} />
      <button type="submit" className="wr-post-action" name="change" value="restore" id={`restore-${post.id}`} aria-disabled={pending} onClick={(e) => pending && e.preventDefault()} data-action="restore">
        {pending ? 'Restoring…' : 'Restore'}
        <span className="nhsuk-u-visually-hidden"> {post.authorName}’s hidden post</span>
      </button>
      {state?.error ? (
        <span className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {state.error}
        </span>
      ) : null}
    </form>
  );
}
