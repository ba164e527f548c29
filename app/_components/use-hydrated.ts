'use client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False in the server render and while hydrating, true once React runs in the browser. For controls that
 * only work with JavaScript (buttons with click handlers): rendered when they can work, so the server's HTML
 * has no dead buttons and is smaller.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
