import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { bearerMatches } from '@/lib/alerts/callback-auth';
import { applyNotifyStatus, notifyReceipt } from '@/lib/alerts/receipts';
import { config } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { handleError, json, readBodyText } from '@/lib/http/api';

export const dynamic = 'force-dynamic';

/**
 * GOV.UK Notify's delivery receipts. Off (404) unless NOTIFY_CALLBACK_TOKEN is set. Any 2xx tells Notify
 * to stop retrying, so a receipt for a text we do not know is still a 200; a 5xx makes Notify try again.
 */
export async function POST(req: NextRequest) {
  const token = config().NOTIFY_CALLBACK_TOKEN;
  if (!token) return json({ error: 'not_found', message: 'Not found.' }, 404);
  if (!bearerMatches(req.headers.get('authorization'), token)) {
    return json({ error: 'unauthenticated', message: 'Invalid bearer token.' }, 401);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readBodyText(req));
  } catch (error) {
    // Over the API's body limit: the API's 413 answer. Anything else unreadable is not a receipt.
    if (isAppError(error)) return handleError(error);
    return json({ error: 'invalid', message: 'Body must be JSON.' }, 400);
  }
  const parsed = notifyReceipt.safeParse(raw);
  if (!parsed.success) {
    return json({ error: 'invalid', message: 'Not a Notify delivery receipt.', fields: z.flattenError(parsed.error).fieldErrors }, 400);
  }
  const r = parsed.data;
  const completedAt = r.completed_at ? new Date(r.completed_at) : null;
  const outcome = await applyNotifyStatus({
    id: r.id,
    reference: r.reference,
    status: r.status,
    completedAt: completedAt && !Number.isNaN(completedAt.getTime()) ? completedAt : null,
  });
  return json({ outcome });
}
