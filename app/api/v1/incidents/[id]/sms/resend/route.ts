import { z } from 'zod';
import { resendFailedTexts } from '@/lib/alerts/resend';
import { json, readJson, withActor } from '@/lib/http/api';
import { parseInput } from '@/lib/validation';

const input = z.object({ smsIds: z.array(z.uuid()).max(10_000).optional() }).default({});

/** Re-sends the room's failed texts (or the ones named): leads and staff in the room. */
export const POST = withActor<{ id: string }>(async ({ actor, params, req }) => {
  // No body (or `null`) re-sends every failed text; a body that is not JSON, or too large, is refused.
  const raw = await readJson(req, { optional: true });
  const { smsIds } = parseInput(input, raw ?? {});
  return json(await resendFailedTexts(actor, params.id, smsIds));
});
