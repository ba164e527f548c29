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
 */
export function useLive(subscription: Subscription, events: Record<string, (payload: Record<string, string>) => void>) {
  const handlers = useRef(events);
  handlers.current = events;
  const key = JSON.stringify(subscription);
  useEffect(() => {
    const s = socket();
    const sub = JSON.parse(key) as Subscription;
    const join = () => s.emit('subscribe', sub);
    const listeners = Object.keys(handlers.current).map((name) => {
      const listener = (payload: Record<string, string>) => handlers.current[name]?.(payload);
      s.on(name, listener);
      return [name, listener] as const;
    });
    s.on('connect', join);
    if (s.connected) join();
    return () => {
      s.emit('unsubscribe', sub);
      s.off('connect', join);
      for (const [name, listener] of listeners) s.off(name, listener);
    };
  }, [key]);
}
