import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { getActor } from '@/lib/auth/request-actor';

/**
 * The actor for this request, looked up once per server render (the layout and the page share it).
 * Outside a render (server actions, route handlers) React's cache passes straight through.
 */
export const currentActor = cache(getActor);

/**
 * The signed-in actor for a page, or a redirect to the sign-in page that comes back to `path`.
 * Pass the page's own path (e.g. `/channels/${slug}`); only same-origin relative paths are kept.
 */
export async function requireActor(path: string): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  redirect(signInPath(path));
}

export function signInPath(back: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(isSafeRelativePath(back) ? back : '/')}`;
}

/** A path on this site: starts with one slash, not `//` or `/\` (protocol-relative), no control characters. */
export function isSafeRelativePath(path: string | null | undefined): path is string {
  return typeof path === 'string' && path.length <= 2000 && /^\/(?![/\\])/.test(path) && !/[\u0000-\u001f\u007f\\]/.test(path);
}

/**
 * Metadata for a staff page: its title for those the policy lets in, "Page not found" for anyone else
 * (the page itself answers 404), never indexed.
 */
export function staffPageMetadata(title: string, may: (actor: Actor) => boolean) {
  return async () => {
    const actor = await currentActor();
    if (!actor) return { title: 'Sign in' };
    return { title: may(actor) ? title : 'Page not found', robots: { index: false, follow: false } };
  };
}
