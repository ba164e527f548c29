import { sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { Invalid } from '@/lib/errors';

/**
 * Keyset cursors carry their timestamp exactly. PostgreSQL keeps microseconds but a JS Date only milliseconds,
 * so a cursor made from a Date sits up to 999 µs too early and its next page skips every row in between.
 * Select the key's timestamp with `exactTimestamp` and put that text in the cursor.
 */
export const exactTimestamp = (column: SQLWrapper) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A cursor's timestamp: UTC ISO text as `exactTimestamp` gives it (any precision parses, so millisecond cursors handed
 * out before still work). Year 0 is refused here, as PostgreSQL would refuse it with a 500.
 */
export const cursorTimestamp = z.iso.datetime().refine((t) => !t.startsWith('0000'));

/** An opaque page cursor (base64url JSON); `decodeCursor` checks it against the same shape. */
export function encodeCursor(c: object): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** The cursor's fields, or a 400 naming `field` for anything this code did not hand out. */
export function decodeCursor<T>(shape: z.ZodType<T>, raw: string, field = 'cursor'): T {
  try {
    return shape.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw Invalid('Not a valid page cursor', { [field]: ['Not a valid page cursor'] });
  }
}
