import { organisationLedger } from '@/lib/alerts/org-ledger';
import { json, withActor } from '@/lib/http/api';
import { listRoomSms } from '@/lib/incidents/room-sms';

/** The room's texts (masked numbers) and the per-organisation summary, for its leads; refetched on room:sms:changed. */
export const GET = withActor<{ id: string }>(async ({ actor, params }) => {
  const texts = await listRoomSms(actor, params.id);
  return json({ texts, organisations: await organisationLedger(actor, params.id) });
});
