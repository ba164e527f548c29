/**
 * The thread page's read position, kept apart from React and the DOM so it can be tested on its own.
 *
 * A position counts the thread's posts from the start, as the page shows them: every post, deleted ones (as
 * tombstones) and hidden ones (as placeholders) included, in (created_at, id) order. It is what POST
 * /api/v1/threads/{id}/read takes as `seen` and what the channel list's `firstUnread` is (lib/forum/read-state.ts).
 */

/** Sends one report; resolves false when it did not arrive (so the position is offered again later). `leaving`: the page is being hidden or left. */
export type SendSeen = (seen: number, leaving: boolean) => Promise<boolean> | void;

type Timers = { now: () => number; set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };

const browserTimers: Timers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Collects the furthest position seen and reports it: only when it grows, at most one request per `interval`
 * (the first at once, later ones batched), only while the page is visible, and at once (`flush`) when the page
 * is hidden or left, whatever is still unsent.
 */
export function createSeenReporter(opts: { send: SendSeen; visible: () => boolean; interval?: number; timers?: Timers }) {
  const { send, visible, interval = 1000, timers = browserTimers } = opts;
  let best = 0;
  let sent = 0;
  let lastSentAt = -Infinity;
  let timer: unknown = null;
  let disposed = false;

  const dispatch = (leaving: boolean) => {
    if (best <= sent) return;
    const previous = sent;
    const value = best;
    sent = value;
    lastSentAt = timers.now();
    const result = send(value, leaving);
    if (result && typeof result.then === 'function') {
      void result.then(
        (ok) => {
          if (!ok && sent === value) sent = previous;
        },
        () => {
          if (sent === value) sent = previous;
        },
      );
    }
  };

  const cancel = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  const schedule = () => {
    if (disposed || timer !== null || best <= sent) return;
    const wait = lastSentAt + interval - timers.now();
    if (wait <= 0) {
      dispatch(false);
      return;
    }
    timer = timers.set(() => {
      timer = null;
      if (visible()) dispatch(false);
    }, wait);
  };

  return {
    /** The reader has seen the post at this position (or everything up to it). Ignored while the page is hidden. */
    see(position: number) {
      if (disposed || !visible() || !Number.isInteger(position) || position <= best) return;
      best = position;
      schedule();
    },
    /** The page is being hidden or left: report what is unsent now (with `leaving`, so it outlives the page). */
    flush() {
      if (disposed) return;
      cancel();
      dispatch(true);
    },
    /** The page became visible again: send anything held back while it was hidden. */
    resume() {
      if (!disposed && visible()) schedule();
    },
    dispose() {
      disposed = true;
      cancel();
    },
    get seen() {
      return best;
    },
  };
}

/** `?from=N` (the channel list's link to the first unread post): N, a whole number from 1, or null. */
export function fromParam(search: string): number | null {
  const raw = new URLSearchParams(search).get('from');
  if (raw === null || !/^[1-9]\d{0,8}$/.test(raw)) return null;
  return Number(raw);
}
