'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { DateTime } from '../../_components/date-time';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { deletePostAction, editPostAction, type PostActionState } from './actions';
import { ConfirmPanel } from './confirm-panel';
import { HideForm, ReportForm, RestoreButton } from './post-moderation';
import type { PostRow } from './post-rows';

/** `report`: someone else's visible post; `moderate`: staff hide and restore. */
export type PostPermissions = { reply: boolean; edit: boolean; delete: boolean; report: boolean; moderate: boolean };

type Props = {
  threadId: string;
  post: PostRow;
  /** JavaScript is running: the action buttons (click handlers only) can work, so they are shown. */
  interactive: boolean;
  index: number;
  may: PostPermissions;
  editing: boolean;
  onReply: () => void;
  onQuote: () => Promise<boolean>;
  onEdit: (open: boolean) => void;
  onEdited: () => void;
  onDeleted: () => void;
  onReported: () => void;
  onModerated: (change: 'hidden' | 'restored') => void;
};

/** One post: header, body (or tombstone, or the inline edit form) and its actions. */
export function PostArticle({ threadId, post: p, interactive, index, may, editing, onReply, onQuote, onEdit, onEdited, onDeleted, onReported, onModerated }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [panel, setPanel] = useState<'report' | 'hide' | null>(null);
  const closePanel = (focusId: string) => {
    setPanel(null);
    requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };
  const [quoting, setQuoting] = useState(false);
  const who = index === 0 ? 'Opening post' : `Reply ${index}`;
  const hidden = (text: string) => <span className="nhsuk-u-visually-hidden">{text}</span>;
  const showActions = interactive && !p.deleted && !editing && (may.reply || may.edit || may.delete || may.report || may.moderate);
  return (
    <article id={`post-${p.id}`} className="wr-post" data-post-id={p.id} aria-labelledby={`post-${p.id}-meta`} tabIndex={-1}>
      <header className="wr-post__header" id={`post-${p.id}-meta`}>
        {hidden(`${who} by `)}
        <strong className="wr-post__author">{p.authorName}</strong>
        {p.authorUsername ? (
          <span className="wr-post__username">
            {' '}
            {hidden('mention as ')}@{p.authorUsername}
          </span>
        ) : null}
        <span className="wr-post__time">
          {' '}
          {hidden('posted ')}
          <DateTime value={p.createdAt} />
        </span>
        {p.editedAt && !p.deleted ? (
          <>
            {' '}
            <a className="wr-post__edited" href={`/posts/${p.id}/revisions`}>
              edited{hidden(`: see every version of the post by ${p.authorName}`)}
            </a>
          </>
        ) : null}
      </header>
      {p.deleted ? (
        <p className="wr-post__deleted" id={`post-${p.id}-deleted`} tabIndex={-1}>
          This post was deleted.
        </p>
      ) : p.hidden && !p.bodyHtml ? (
        <p className="wr-post__deleted" id={`post-${p.id}-hidden`} tabIndex={-1}>
          This post was hidden by a moderator.
        </p>
      ) : editing ? (
        <EditForm threadId={threadId} post={p} onCancel={() => onEdit(false)} onSaved={onEdited} />
      ) : (
        <>
          {p.hidden ? (
            <p className="wr-post__hidden-note" id={`post-${p.id}-hidden`} tabIndex={-1}>
              <strong className="nhsuk-tag nhsuk-tag--orange">Hidden</strong> Only moderators can read this post.
              {p.hiddenReason ? ` Reason: ${p.hiddenReason}` : null}
            </p>
          ) : null}
          <div className="wr-post__body wr-markdown" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
        </>
      )}
      {showActions ? (
        <div className="wr-post__actions">
          {may.reply ? (
            <button type="button" className="wr-post-action" onClick={onReply} data-action="reply">
              Reply{hidden(` to ${p.authorName}`)}
            </button>
          ) : null}
          {may.reply ? (
            <button
              type="button"
              className="wr-post-action"
              aria-disabled={quoting || undefined}
              data-action="quote"
              onClick={async () => {
                if (quoting) return;
                setQuoting(true);
                await onQuote().finally(() => setQuoting(false));
              }}
            >
              {quoting ? 'Quoting…' : 'Quote'}
              {hidden(` ${p.authorName}’s post`)}
            </button>
          ) : null}
          {may.edit ? (
            <button type="button" className="wr-post-action" id={`edit-${p.id}`} onClick={() => onEdit(true)} data-action="edit">
              Edit{hidden(' your post')}
            </button>
          ) : null}
          {may.report && panel !== 'report' ? (
            <button type="button" className="wr-post-action" id={`report-${p.id}`} onClick={() => setPanel('report')} data-action="report">
              Report{hidden(` ${p.authorName}’s post`)}
            </button>
          ) : null}
          {may.moderate && !p.hidden && panel !== 'hide' ? (
            <button type="button" className="wr-post-action wr-post-action--danger" id={`hide-${p.id}`} onClick={() => setPanel('hide')} data-action="hide">
              Hide{hidden(` ${p.authorName}’s post`)}
            </button>
          ) : null}
          {may.moderate && p.hidden ? <RestoreButton threadId={threadId} post={p} onDone={() => onModerated('restored')} /> : null}
          {may.delete && !confirming ? (
            <button type="button" className="wr-post-action wr-post-action--danger" id={`delete-${p.id}`} onClick={() => setConfirming(true)} data-action="delete">
              Delete{hidden(` ${p.authorName}’s post`)}
            </button>
          ) : null}
        </div>
      ) : null}
      {panel === 'report' && !p.deleted ? (
        <ReportForm
          threadId={threadId}
          post={p}
          onCancel={() => closePanel(`report-${p.id}`)}
          onDone={() => {
            closePanel(`post-${p.id}`);
            onReported();
          }}
        />
      ) : null}
      {panel === 'hide' && !p.deleted && !p.hidden ? (
        <HideForm
          threadId={threadId}
          post={p}
          onCancel={() => closePanel(`hide-${p.id}`)}
          onDone={() => {
            closePanel(`post-${p.id}`);
            onModerated('hidden');
          }}
        />
      ) : null}
      {confirming && !p.deleted ? (
        <ConfirmDelete
          threadId={threadId}
          post={p}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => document.getElementById(`delete-${p.id}`)?.focus());
          }}
          onDeleted={() => {
            setConfirming(false);
            onDeleted();
          }}
        />
      ) : null}
    </article>
  );
}

/** Calls `then` once for each successful action result (`done` is a fresh timestamp each time). */
export function useDone(done: number | undefined, then: () => void) {
  const handled = useRef<number | undefined>(undefined);
  const latest = useRef(then);
  latest.current = then;
  useEffect(() => {
    if (!done || handled.current === done) return;
    handled.current = done;
    latest.current();
  }, [done]);
}

function EditForm({ threadId, post, onCancel, onSaved }: { threadId: string; post: PostRow; onCancel: () => void; onSaved: () => void }) {
  const [state, action, pending] = useActionState<PostActionState | undefined, FormData>(editPostAction, undefined);
  const [draft, setDraft] = useState(() => post.bodyMarkdown ?? '');
  const summaryRef = useErrorSummaryFocus(state?.error ? state : null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fieldId = `edit-body-${post.id}`;
  const bodyError = Boolean(state?.fields?.body);

  useEffect(() => {
    textarea.current?.focus();
  }, []);
  useDone(state?.done, onSaved);

  return (
    <div ref={summaryRef} className="wr-edit">
      <ErrorSummary state={state} fieldIds={{ body: fieldId }} titleId={`${fieldId}-error-title`} />
      <form action={action} noValidate>
        <input type="hidden" name="threadId" value={threadId} />
        <input type="hidden" name="postId" value={post.id} />
        <div className={`nhsuk-form-group${bodyError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={fieldId}>
            Edit your post (Markdown)
          </label>
          <div className="nhsuk-hint" id={`${fieldId}-hint`}>
            Everyone who can read this thread can see the earlier versions.
          </div>
          <FieldError state={state} field="body" id={`${fieldId}-error`} />
          <textarea
            ref={textarea}
            className={`nhsuk-textarea${bodyError ? ' nhsuk-textarea--error' : ''}`}
            id={fieldId}
            name="body"
            rows={Math.min(Math.max(draft.split('\n').length + 1, 4), 16)}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-describedby={bodyError ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                onCancel();
              }
            }}
          />
        </div>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button nhsuk-button--small" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
            {pending ? 'Saving…' : 'Save changes'}
          </button>
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function ConfirmDelete({ threadId, post, onCancel, onDeleted }: { threadId: string; post: PostRow; onCancel: () => void; onDeleted: () => void }) {
  const [state, action, pending] = useActionState<PostActionState | undefined, FormData>(deletePostAction, undefined);
  const questionId = `delete-question-${post.id}`;
  useDone(state?.done, onDeleted);
  return (
    <ConfirmPanel labelId={questionId} onCancel={onCancel}>
      <p id={questionId} className="wr-confirm__question">
        <strong>Delete this post?</strong> Readers will see “This post was deleted” in its place. You cannot undo this.
      </p>
      {state?.error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {state.error}
        </p>
      ) : null}
      <form action={action} className="nhsuk-button-group nhsuk-button-group--small">
        <input type="hidden" name="threadId" value={threadId} />
        <input type="hidden" name="postId" value={post.id} />
        <button className="nhsuk-button nhsuk-button--warning nhsuk-button--small" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Deleting…' : 'Yes, delete this post'}
        </button>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </ConfirmPanel>
  );
}
