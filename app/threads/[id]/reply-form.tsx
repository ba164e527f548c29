'use client';
import { useActionState, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { reply, type ReplyState } from './actions';

export type ReplyTarget = { id: string; authorName: string };

/** What the posts above may do to the reply box: reply to a post, or drop a quote into it. */
export type ReplyBox = {
  replyTo(target: ReplyTarget): void;
  insertQuote(markdown: string, target: ReplyTarget): void;
};

type Props = {
  threadId: string;
  onPosted: () => Promise<void>;
  boxRef: Ref<ReplyBox>;
  containerRef: Ref<HTMLDivElement>;
};

/**
 * The reply box. A server action posts it (so it works without JavaScript); Reply and Quote on a post
 * set the post being replied to and move focus here, so keyboard users land where they can type.
 */
export function ReplyForm({ threadId, onPosted, boxRef, containerRef }: Props) {
  const [state, action, pending] = useActionState<ReplyState | undefined, FormData>(reply, undefined);
  const [draft, setDraft] = useState(() => state?.values?.body ?? '');
  const [target, setTarget] = useState<ReplyTarget | null>(null);
  const summaryRef = useErrorSummaryFocus(state?.error ? state : null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const postedId = state?.ok ? state.postId : undefined;

  const focusBox = (caretAtEnd: boolean) => {
    const el = textarea.current;
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
    if (caretAtEnd) el.setSelectionRange(el.value.length, el.value.length);
  };

  useImperativeHandle(boxRef, () => ({
    replyTo(t) {
      setTarget(t);
      focusBox(false);
    },
    insertQuote(markdown, t) {
      setTarget((current) => current ?? t);
      setDraft((current) => (current.trim() ? `${current.replace(/\s+$/, '')}\n\n${markdown}` : markdown));
      // After React has put the new text in the textarea.
      requestAnimationFrame(() => focusBox(true));
    },
  }));

  useEffect(() => {
    if (!postedId) return;
    setDraft('');
    setTarget(null);
    void onPosted();
    // Keep keyboard users in the reply box, ready for the next one.
    if (document.activeElement === document.body || document.activeElement === null) textarea.current?.focus();
  }, [postedId, onPosted]);

  const bodyError = Boolean(state?.fields?.body);
  const describedBy = ['body-hint', target ? 'reply-context' : '', bodyError ? 'body-error' : ''].filter(Boolean).join(' ');
  return (
    <div ref={containerRef} className="wr-reply" data-testid="reply-box">
      <div ref={summaryRef}>
        <ErrorSummary state={state} fieldIds={{ replyToPostId: 'body' }} />
      </div>
      <form action={action} noValidate>
        <input type="hidden" name="threadId" value={threadId} />
        <input type="hidden" name="replyToPostId" value={target?.id ?? ''} />
        <div className={`nhsuk-form-group${bodyError ? ' nhsuk-form-group--error' : ''}`}>
          <h2 className="nhsuk-label-wrapper">
            <label className="nhsuk-label nhsuk-label--m" htmlFor="body">
              Your reply (Markdown)
            </label>
          </h2>
          <div className="nhsuk-hint" id="body-hint">
            This channel is TLP:GREEN. Do not post anything restricted. Mention someone with @ and their username, for example @member.
          </div>
          {target ? (
            <p className="wr-reply__context" id="reply-context">
              Replying to <a href={`#post-${target.id}`}>{target.authorName}’s post</a>.{' '}
              <button type="button" className="wr-link-button" onClick={() => { setTarget(null); textarea.current?.focus(); }}>
                Reply to the thread instead
              </button>
            </p>
          ) : null}
          <FieldError state={state} field="body" />
          <textarea
            ref={textarea}
            className={`nhsuk-textarea${bodyError ? ' nhsuk-textarea--error' : ''}`}
            id="body"
            name="body"
            rows={6}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-describedby={describedBy}
            required
          />
        </div>
        <button className="nhsuk-button" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Posting…' : 'Post reply'}
        </button>
        {state?.ok ? (
          <p className="nhsuk-body-s wr-posted" role="status">
            Your reply has been posted.
          </p>
        ) : null}
      </form>
    </div>
  );
}
