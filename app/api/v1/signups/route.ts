import type { NextRequest } from 'next/server';
import { handleError, json, readJson, withActor } from '@/lib/http/api';
import { requestClientIp } from '@/lib/http/client-ip';
import { requestSignup } from '@/lib/vetting/request-signup';
import { listSignupQueue } from '@/lib/vetting/review-signups';

/**
 * Public: ask to join (no session). Every accepted request gets the same 202 answer, whether or not the
 * email or the sponsor is known; bad input is a 400 naming the field; too many from one address a 429.
 */
export async function POST(req: NextRequest) {
  try {
    const body = await readJson(req);
    return json(await requestSignup(body, { ip: requestClientIp(req.headers) }), 202);
  } catch (error) {
    return handleError(error);
  }
}

/** Moderators: the open requests, with the sponsor's answer and flags. */
export const GET = withActor(async ({ actor }) => json({ signups: await listSignupQueue(actor) }));
