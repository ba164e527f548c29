import { Invalid } from '@/lib/errors';

/**
 * PostgreSQL text cannot hold NUL (U+0000): such input must be a clear 400, not a failed INSERT.
 * Walks a parsed JSON body without recursion (bodies may be nested thousands deep), keys included.
 */
export function assertStorableText(value: unknown) {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw Invalid('Text must not contain NUL characters');
    } else if (Array.isArray(v)) {
      for (const child of v) stack.push(child);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) throw Invalid('Text must not contain NUL characters');
        stack.push(child);
      }
    }
  }
}

/**
 * A database refusal of the request's own text (NUL in a URL parameter or query, say: SQLSTATE 22021
 * invalid byte sequence, 22P05 untranslatable character). The statement failed, so nothing was written.
 */
export function isUnstorableText(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === '22021' || e.code === '22P05') return true;
  }
  return false;
}
