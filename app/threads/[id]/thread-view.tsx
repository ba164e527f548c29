'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { DateTime } from '../../_components/date-time';
import { useHydrated } from '../../_components/use-hydrated';
import { useLive } from '../../_components/use-live';
import { ModeratorTools } from './moderator-tools';
import { PostArticle } from './post-article';
import { toPostRows, type PostRow, type ThreadState } from './post-rows';
import { createSeenReporter, fromParam } from './read-position';
import { ReplyForm, type ReplyBox } from './reply-form';
import { apiFetch } from '@/app/_components/api-fetch';

type Viewer = { id: string; staff: boolean };
type Props = {
  threadId: string;
  channelName: string;
  createdAt: string;
  initialPosts: PostRow[];
  initialState: ThreadState;
  viewer: Viewer;
  /** The watch control, rendered by the server page. */
  watch: ReactNode;
  /** Staff only: the move-thread form, rendered by the server page with the channel list. */
  moveThread?: ReactNode;
};

type ThreadJson = ThreadState & { posts: Parameters<typeof toPostRows>[0] };

/**
 * The posts of a thread, their actions and the reply form, kept current by live events. Events carry ids
 * only: each one refetches the thread through the API, which checks access again.
 *
 * New replies from others that arrive while the reader is scrolled up (neither the end of the posts nor
 * the reply box in view) do not move the page: a "N new replies" button counts them and takes the reader
 * to the first one. Reaching the bottom clears the count.
 *
 * The read position follows what the reader has seen: a post counts once its top has come into the upper three
 * quarters of the window, and reaching the end of the posts counts them all. The furthest position is reported
 * (POST /read `{ seen }`, see ./read-position.ts) as it grows, at most once a second, and at once when the page is
 * hidden or left. Opened from the channel list at `?from=N` (the first unread post), the page starts at the Nth
 * post and focuses it, as the "new replies" button does.
 */
export function ThreadView({ threadId, channelName, createdAt, initialPosts, initialState, viewer, watch, moveThread }: Props) {
  const [posts, setPosts] = useState(initialPosts);
  const [thread, setThread] = useState(initialState);
  const [editing, setEditing] = useState<string | null>(null);
  const [unseen, setUnseenState] = useState<string[]>([]);
  const unseenRef = useRef<string[]>([]);
  const setUnseen = useCallback((ids: string[]) => {
    unseenRef.current = ids;
    setUnseenState(ids);
  }, []);
  const [announcement, setAnnouncement] = useState('');
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const latest = useRef(0);
  const known = useRef(new Set(initialPosts.map((p) => p.id)));
  const atBottom = useRef(true);
  const endRef = useRef<HTMLDivElement>(null);
  const replyContainer = useRef<HTMLDivElement>(null);
  const replyBox = useRef<ReplyBox>(null);
  const postsRef = useRef<HTMLDivElement>(null);
  /** Each shown post's position in the thread (1-based, tombstones included: what the server counts). */
  const positions = useRef(new Map<string, number>());
  positions.current = new Map(posts.map((p, i) => [p.id, i + 1]));
  const postCount = useRef(posts.length);
  postCount.current = posts.length;
  /** The posts now in the reading area of the window (ids). */
  const onScreen = useRef(new Set<string>());
  const reporter = useRef<ReturnType<typeof createSeenReporter> | null>(null);

  const router = useRouter();
  // Each post's buttons need JavaScript: they appear once it runs (the reply form below works without it).
  const hydrated = useHydrated();
  const refetchRef = useRef<() => Promise<void>>(async () => undefined);
  // Replying starts tracking the thread (unless you chose otherwise): a server render shows that in the watch control.
  const onPosted = useCallback(async () => {
    await refetchRef.current();
    router.refresh();
  }, [router]);

  const say = (text: string) => setAnnouncement((old) => (old === text ? `${text}\u00a0` : text));

  // What you have seen on screen counts as read (the channel list's new-post counts and link, and notifications).
  // The report needs the CSRF header, so it goes by fetch (apiFetch), with keepalive when the page is being left,
  // not by sendBeacon (which cannot send headers).
  const seeOnScreen = useCallback(() => {
    let furthest = 0;
    for (const id of onScreen.current) furthest = Math.max(furthest, positions.current.get(id) ?? 0);
    if (furthest) reporter.current?.see(furthest);
  }, []);
  /** The end of the posts is in view: everything shown has been seen. */
  const markRead = useCallback(() => reporter.current?.see(postCount.current), []);
  /** Measured now (an observer's last word can be stale after posts were added or the tab was hidden). */
  const endOnScreen = useCallback(
    () =>
      [endRef.current, replyContainer.current].some((el) => {
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.bottom >= 0 && r.top <= window.innerHeight;
      }),
    [],
  );
  useEffect(() => {
    const seen = createSeenReporter({
      visible: () => document.visibilityState === 'visible',
      send: (n, leaving) =>
        apiFetch(`/api/v1/threads/${encodeURIComponent(threadId)}/read`, { method: 'POST', body: { seen: n }, keepalive: leaving })
          .then((res) => {
            void res.text().catch(() => undefined);
            return res.ok;
          })
          .catch(() => false),
    });
    reporter.current = seen;
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return seen.flush();
      seen.resume();
      requestAnimationFrame(() => {
        seeOnScreen();
        if (endOnScreen()) markRead();
      });
    };
    const onPageHide = () => seen.flush();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      seen.flush();
      seen.dispose();
      if (reporter.current === seen) reporter.current = null;
    };
  }, [threadId, seeOnScreen, markRead, endOnScreen]);

  // From the channel list's "first unread post" link (`?from=N`): start at that post, focused like the new-replies
  // button does, then drop `from` from the address so a reload keeps the reader's own scroll position.
  useEffect(() => {
    const from = fromParam(window.location.search);
    if (from === null || !initialPosts.length) return;
    const target = initialPosts[Math.min(from, initialPosts.length) - 1];
    const el = document.getElementById(`post-${target.id}`);
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
      if (from > 1) say('Showing the first post you have not read.');
    }
    const url = new URL(window.location.href);
    url.searchParams.delete('from');
    window.history.replaceState(null, '', url);
    // Once, for the page as it was loaded.
  }, []);

  // Which posts have been on screen: their positions, posts being in thread order.
  useEffect(() => {
    const container = postsRef.current;
    if (!container) return;
    const visible = onScreen.current;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = (e.target as HTMLElement).dataset.postId;
          if (!id) continue;
          if (e.isIntersecting) visible.add(id);
          else visible.delete(id);
        }
        seeOnScreen();
        if (endOnScreen()) markRead();
      },
      // The upper three quarters of the window: a post whose first line just peeks in at the bottom is not yet seen.
      { rootMargin: '0px 0px -25% 0px' },
    );
    container.querySelectorAll<HTMLElement>(':scope > article[data-post-id]').forEach((el) => observer.observe(el));
    return () => {
      observer.disconnect();
      visible.clear();
    };
  }, [posts, seeOnScreen, markRead, endOnScreen]);

  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const res = await fetch(`/api/v1/threads/${encodeURIComponent(threadId)}`, { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 401 || res.status === 404) {
        window.location.reload();
        return;
      }
      if (!res.ok || request !== latest.current) return;
      const data = (await res.json()) as ThreadJson;
      if (request !== latest.current) return;
      const next = toPostRows(data.posts);
      const added = next.filter((p) => !known.current.has(p.id));
      known.current = new Set(next.map((p) => p.id));
      setPosts(next);
      setThread({ pinned: data.pinned, locked: data.locked, canReply: data.canReply });
      const fromOthers = added.filter((p) => p.authorId !== viewer.id);
      if (fromOthers.length && !atBottom.current) {
        const all = [...unseenRef.current, ...fromOthers.map((p) => p.id)];
        unseenRef.current = all;
        setUnseen(all);
        say(`${all.length} new ${all.length === 1 ? 'reply' : 'replies'} below. Use the new replies button to go to ${all.length === 1 ? 'it' : 'them'}.`);
      } else {
        // Read marks follow from what is on screen once these posts render (the observers below).
        if (fromOthers.length) say(fromOthers.length === 1 ? `New reply from ${fromOthers[0].authorName}.` : `${fromOthers.length} new replies.`);
      }
    } catch {
      // Offline or signed out: keep what is shown; the next event or a reload tries again.
    }
  }, [threadId, viewer.id, setUnseen]);

  refetchRef.current = refetch;

  const onEvent = (p: Record<string, string>) => (p.threadId === threadId ? void refetch() : undefined);
  // A thread can be moved to another channel: the server render refreshes the breadcrumb and channel name.
  const onThreadUpdated = (p: Record<string, string>) => {
    if (p.threadId !== threadId) return;
    void refetch();
    router.refresh();
  };
  useLive(
    { type: 'thread', id: threadId },
    { 'post:created': onEvent, 'post:updated': onEvent, 'post:deleted': onEvent, 'thread:updated': onThreadUpdated },
    () => void refetch(),
  );

  // Is the reader at the bottom (the end of the posts or the reply box in view)?
  useEffect(() => {
    const targets = [endRef.current, replyContainer.current].filter((el): el is HTMLDivElement => el !== null);
    const visible = new Map<Element, boolean>();
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) visible.set(e.target, e.isIntersecting);
      const now = [...visible.values()].some(Boolean);
      atBottom.current = now;
      if (now && unseenRef.current.length) setUnseen([]);
      if (now) markRead();
    });
    for (const el of targets) observer.observe(el);
    return () => observer.disconnect();
  }, [thread.canReply, markRead, setUnseen]);

  // Wide code blocks and tables scroll sideways: make them reachable by keyboard (WCAG 2.1.1).
  useEffect(() => {
    postsRef.current?.querySelectorAll<HTMLElement>('.wr-markdown pre, .wr-markdown table').forEach((el) => {
      if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
    });
  }, [posts, editing]);

  // Focus moves after an action once the page shows its result.
  useEffect(() => {
    if (!focusTarget) return;
    const el = document.getElementById(focusTarget);
    if (el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest' });
      setFocusTarget(null);
    }
  }, [focusTarget, posts, editing]);

  const goToNew = () => {
    const el = unseen[0] ? document.getElementById(`post-${unseen[0]}`) : null;
    setUnseen([]);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  };

  const quote = async (p: PostRow): Promise<boolean> => {
    try {
      const res = await fetch(`/api/v1/posts/${encodeURIComponent(p.id)}/quote`, { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const { markdown } = (await res.json()) as { markdown: string };
      replyBox.current?.insertQuote(markdown, { id: p.id, authorName: p.authorName });
      say(`Quote of ${p.authorName}’s post added to your reply.`);
      return true;
    } catch {
      say('Sorry, that post could not be quoted. It may have been deleted.');
      return false;
    }
  };

  return (
    <>
      <p className="nhsuk-body-s wr-thread-meta" data-testid="thread-meta">
        {thread.pinned ? <strong className="nhsuk-tag nhsuk-tag--blue wr-marker">Pinned</strong> : null}
        {thread.locked ? <strong className="nhsuk-tag nhsuk-tag--grey wr-marker">Locked</strong> : null}
        Started <DateTime value={createdAt} /> in {channelName}
      </p>
      <div className="wr-thread-tools">
        {watch}
        {viewer.staff ? (
          <ModeratorTools
            threadId={threadId}
            pinned={thread.pinned}
            locked={thread.locked}
            onChanged={(f) => {
              setThread((t) => ({ ...t, ...f }));
              void refetch();
            }}
          />
        ) : null}
      </div>
      {viewer.staff ? moveThread : null}
      <h2 className="nhsuk-u-visually-hidden">Posts</h2>
      <div className="wr-posts" data-testid="posts" ref={postsRef}>
        {posts.map((p, i) => {
          const own = p.authorId === viewer.id;
          return (
            <PostArticle
              key={p.id}
              threadId={threadId}
              post={p}
              interactive={hydrated}
              index={i}
              editing={editing === p.id}
              may={{
                reply: thread.canReply && !p.hidden,
                edit: own && thread.canReply && p.bodyMarkdown !== null,
                delete: own || viewer.staff,
                report: !own && !p.hidden,
                moderate: viewer.staff,
              }}
              onReply={() => replyBox.current?.replyTo({ id: p.id, authorName: p.authorName })}
              onQuote={() => quote(p)}
              onEdit={(open) => {
                setEditing(open ? p.id : null);
                if (!open) setFocusTarget(`edit-${p.id}`);
              }}
              onEdited={() => {
                setEditing(null);
                setFocusTarget(`edit-${p.id}`);
                say('Your post has been updated.');
                void refetch();
              }}
              onReported={() => say('Thank you. Your report has been sent to the moderators.')}
              onModerated={(change) => {
                say(change === 'hidden' ? 'The post is now hidden from readers.' : 'The post has been restored.');
                void refetch();
              }}
              onDeleted={() => {
                setPosts((all) => all.map((x) => (x.id === p.id ? { ...x, deleted: true, bodyHtml: '', bodyMarkdown: null } : x)));
                setFocusTarget(`post-${p.id}-deleted`);
                say('The post has been deleted.');
                void refetch();
              }}
            />
          );
        })}
      </div>
      <div ref={endRef} className="wr-posts-end" aria-hidden="true" />
      {unseen.length ? (
        <div className="wr-new-replies">
          <button type="button" className="nhsuk-button nhsuk-button--small wr-new-replies__button" onClick={goToNew} data-testid="new-replies">
            {unseen.length} new {unseen.length === 1 ? 'reply' : 'replies'}
            <span aria-hidden="true"> ↓</span>
          </button>
        </div>
      ) : null}
      <p className="nhsuk-u-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {thread.canReply ? (
        <ReplyForm threadId={threadId} onPosted={onPosted} boxRef={replyBox} containerRef={replyContainer} />
      ) : (
        <div className="nhsuk-inset-text wr-locked">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{thread.locked ? 'This thread is locked. It takes no new replies.' : 'This channel is archived. Its threads take no new replies.'}</p>
        </div>
      )}
    </>
  );
}
