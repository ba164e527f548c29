'use client';
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';

export type Subscription = { type: 'thread'; id: string } | { type: 'channel'; slug: string } | { type: 'incident'; id: string };

let shared: Socket | undefined;
function socket(): Socket {
  shared ??= io({ withCredentials: true, transports: ['websocket', 'polling'] });
  return shared;
}

/**
 * Subscribes to live events for one thread, channel or incident room. Events carry ids only: the
 * handler refetches through the API, which checks access again. Re-subscribes after reconnects.
 *
 * With `null` it only listens: every socket is already in its person's own room on the server, so
 * person-level events (`notifications:changed`) need no subscription.
 *
 * `onLive` runs once events can arrive (the server has accepted the subscription, or the socket is
 * connected), and again after every reconnect: the place to refetch what changed since the page was
 * rendered, because events sent before then reached no one.
 */
export function useLive(
  subscription: Subscription | null,
  events: Record<string, (payload: Record<string, string>) => void>,
  onLive?: () => void,
) {
  const handlers = useRef(events);
  handlers.current = events;
  const live = useRef(onLive);
  live.current = onLive;
  const key = JSON.stringify(subscription);
  const names = Object.keys(events).sort().join(' ');
  useEffect(() => {
    const s = socket();
    const sub = JSON.parse(key) as Subscription | null;
    const listeners = names.split(' ').filter(Boolean).map((name) => {
      const listener = (payload: Record<string, string>) => handlers.current[name]?.(payload);
      s.on(name, listener);
      return [name, listener] as const;
    });
    let mounted = true;
    // Runs on every (re)connect: (re)subscribe, then catch up.
    const join = () => {
      if (!sub) return live.current?.();
      s.emit('subscribe', sub, (result?: { ok: boolean }) => {
        if (mounted && result?.ok) live.current?.();
      });
    };
    s.on('connect', join);
    if (s.connected) join();
    return () => {
      mounted = false;
      if (sub) s.emit('unsubscribe', sub);
      s.off('connect', join);
      for (const [name, listener] of listeners) s.off(name, listener);
    };
  }, [key, names]);
}
