'use client';
import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import { DateTime } from '../../_components/date-time';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { useLive } from '../../_components/use-live';
import { reply, type ReplyState } from './actions';
import { toPostRows, type PostRow } from './post-rows';

type Props = { threadId: string; initialPosts: PostRow[]; initialCanReply: boolean };

/**
 * The posts of a thread and the reply form. A `post:created` event for this thread (from anyone,
 * including yourself) refetches the thread through the API, which checks access again.
 */
export function ThreadView({ threadId, initialPosts, initialCanReply }: Props) {
  const [posts, setPosts] = useState(initialPosts);
  const [canReply, setCanReply] = useState(initialCanReply);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(0);
  const known = useRef(new Set(initialPosts.map((p) => p.id)));

  // What you have seen on screen counts as read (the channel list's "New" markers come from this).
  const markRead = useCallback(() => {
    if (document.visibilityState !== 'visible') return;
    void fetch(`/api/v1/threads/${encodeURIComponent(threadId)}/read`, { method: 'POST', credentials: 'same-origin' })
      .then((res) => res.text())
      .catch(() => undefined);
  }, [threadId]);
  useEffect(() => {
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [markRead]);

  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const res = await fetch(`/api/v1/threads/${encodeURIComponent(threadId)}`, { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok || request !== latest.current) return;
      const data = (await res.json()) as { canReply: boolean; posts: Parameters<typeof toPostRows>[0] };
      if (request !== latest.current) return;
      const next = toPostRows(data.posts);
      const added = next.filter((p) => !known.current.has(p.id));
      known.current = new Set(next.map((p) => p.id));
      setPosts(next);
      setCanReply(data.canReply);
      markRead();
      if (added.length) {
        setAnnouncement(added.length === 1 ? `New reply from ${added[0].authorName}.` : `${added.length} new replies.`);
      }
    } catch {
      // Offline or signed out: keep what is shown; the next event or a reload tries again.
    }
  }, [threadId, markRead]);

  // Wide code blocks and tables scroll sideways: make them reachable by keyboard (WCAG 2.1.1).
  const postsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    postsRef.current?.querySelectorAll<HTMLElement>('.wr-markdown pre, .wr-markdown table').forEach((el) => {
      if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
    });
  }, [posts]);

  const onEvent = (p: Record<string, string>) => (p.threadId === threadId ? void refetch() : undefined);
  useLive({ type: 'thread', id: threadId }, { 'post:created': onEvent, 'post:updated': onEvent });

  return (
    <>
      <h2 className="nhsuk-u-visually-hidden">Posts</h2>
      <div className="wr-posts" data-testid="posts" ref={postsRef}>
        {posts.map((p, i) => (
          <article key={p.id} className="wr-post" data-post-id={p.id} aria-labelledby={`post-${p.id}-meta`}>
            <header className="wr-post__header" id={`post-${p.id}-meta`}>
              <span className="nhsuk-u-visually-hidden">{i === 0 ? 'Opening post' : `Reply ${i}`} by </span>
              <strong className="wr-post__author">{p.authorName}</strong>
              <span className="wr-post__time">
                {' '}
                <span className="nhsuk-u-visually-hidden">posted </span>
                <DateTime value={p.createdAt} />
                {p.editedAt ? <span className="wr-post__edited"> (edited)</span> : null}
              </span>
            </header>
            {p.deleted ? (
              <p className="wr-post__deleted">This post has been deleted.</p>
            ) : (
              <div className="wr-post__body wr-markdown" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
            )}
          </article>
        ))}
      </div>
      <p className="nhsuk-u-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {canReply ? (
        <ReplyForm threadId={threadId} onPosted={refetch} />
      ) : (
        <div className="nhsuk-inset-text wr-locked">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This thread is locked. It takes no new replies.</p>
        </div>
      )}
    </>
  );
}

function ReplyForm({ threadId, onPosted }: { threadId: string; onPosted: () => Promise<void> }) {
  const [state, action, pending] = useActionState<ReplyState | undefined, FormData>(reply.bind(null, threadId), undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const postedId = state?.ok ? state.postId : undefined;
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!postedId) return;
    void onPosted();
    // The textarea is replaced by an empty one: keep keyboard users where they were.
    if (document.activeElement === document.body || document.activeElement === null) textarea.current?.focus();
  }, [postedId, onPosted]);
  const bodyError = Boolean(state?.fields?.body);
  return (
    <div ref={ref} className="wr-reply">
      <ErrorSummary state={state} />
      <form action={action} noValidate>
        <div className={`nhsuk-form-group${bodyError ? ' nhsuk-form-group--error' : ''}`}>
          <h2 className="nhsuk-label-wrapper">
            <label className="nhsuk-label nhsuk-label--m" htmlFor="body">
              Your reply (Markdown)
            </label>
          </h2>
          <div className="nhsuk-hint" id="body-hint">
            This channel is TLP:GREEN. Do not post anything restricted.
          </div>
          <FieldError state={state} field="body" />
          <textarea
            key={postedId ?? 'draft'}
            ref={textarea}
            className={`nhsuk-textarea${bodyError ? ' nhsuk-textarea--error' : ''}`}
            id="body"
            name="body"
            rows={6}
            defaultValue={state?.ok ? '' : (state?.values?.body ?? '')}
            aria-describedby={bodyError ? 'body-hint body-error' : 'body-hint'}
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
