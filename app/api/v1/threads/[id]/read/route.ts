import { markThreadRead } from '@/lib/forum/read-state';
import { json, readJson, withActor } from '@/lib/http/api';

/**
 * `{ "seen": N }`: the reader has seen the first N posts (the thread page reports this as it is scrolled).
 * No body (or `null`) keeps the original meaning: the whole thread as it is now. A body that is not JSON, or
 * whose `seen` is not a whole number from 1, is a 400 before anything is written.
 */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) => {
  const raw = await readJson(req, { optional: true });
  return json(await markThreadRead(actor, params.id, raw ?? {}));
});
