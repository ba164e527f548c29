import { and, eq, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { getRoomForMember } from '@/lib/incidents/get-room';
import { mayViewRoomSms } from '@/lib/policy';

export type OrgLedgerRow = {
  organisationId: string | null;
  organisationName: string;
  texts: number;
  delivered: number;
  sending: number;
  queued: number;
  failed: number;
  opened: number;
  acknowledged: number;
  escalation: { dueAt: Date; outcome: 'escalated' | 'acknowledged' | 'no_deputies' | null; deputiesTexted: number } | null;
};

/**
 * Per organisation, for the room's leads: how its texts stand, how many people opened the bulletin link,
 * and how many acknowledged. Invited organisations are listed even when nobody there could be texted.
 */
export async function organisationLedger(actor: Actor, roomId: string): Promise<OrgLedgerRow[]> {
  const loaded = await getRoomForMember(actor, roomId);
  if (!mayViewRoomSms(actor, loaded.membership)) throw Forbidden('Only the room’s leads can see its texts.');
  const rows = await getDb().execute<{
    organisation_id: string | null;
    organisation_name: string | null;
    texts: number;
    delivered: number;
    sending: number;
    queued: number;
    failed: number;
    opened: number;
    acknowledged: number;
    due_at: string | null;
    outcome: 'escalated' | 'acknowledged' | 'no_deputies' | null;
    deputies_texted: number | null;
  }>(sql`
    with orgs as (
      select organisation_id from sms_messages where room_id = ${loaded.room.id}
      union select organisation_id from room_organisations where room_id = ${loaded.room.id}
      union select organisation_id from room_acknowledgements where room_id = ${loaded.room.id}
    )
    select o.organisation_id, org.name as organisation_name,
      (select count(*)::int from sms_messages s where s.room_id = ${loaded.room.id} and s.organisation_id is not distinct from o.organisation_id) as texts,
      (select count(*)::int from sms_messages s where s.room_id = ${loaded.room.id} and s.organisation_id is not distinct from o.organisation_id and s.status = 'delivered') as delivered,
      (select count(*)::int from sms_messages s where s.room_id = ${loaded.room.id} and s.organisation_id is not distinct from o.organisation_id and s.status = 'sending') as sending,
      (select count(*)::int from sms_messages s where s.room_id = ${loaded.room.id} and s.organisation_id is not distinct from o.organisation_id and s.status = 'queued') as queued,
      (select count(*)::int from sms_messages s where s.room_id = ${loaded.room.id} and s.organisation_id is not distinct from o.organisation_id and s.status = 'failed') as failed,
      (select count(*)::int from sms_messages s where s.room_id = ${loaded.room.id} and s.organisation_id is not distinct from o.organisation_id and s.opened_at is not null) as opened,
      (select count(*)::int from room_acknowledgements a where a.room_id = ${loaded.room.id} and a.organisation_id is not distinct from o.organisation_id) as acknowledged,
      e.due_at, e.outcome, e.deputies_texted
    from orgs o left join organisations org on org.id = o.organisation_id
    left join room_escalations e on e.room_id = ${loaded.room.id} and e.organisation_id = o.organisation_id
    order by org.name nulls last`);
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.organisation_name ?? 'No organisation',
    texts: Number(r.texts),
    delivered: Number(r.delivered),
    sending: Number(r.sending),
    queued: Number(r.queued),
    failed: Number(r.failed),
    opened: Number(r.opened),
    acknowledged: Number(r.acknowledged),
    escalation: r.due_at ? { dueAt: new Date(r.due_at), outcome: r.outcome, deputiesTexted: Number(r.deputies_texted ?? 0) } : null,
  }));
}

/** Whether this person has acknowledged the room (for the button). */
export async function hasAcknowledged(actor: Actor, roomId: string) {
  const rows = await getDb()
    .select({ id: schema.roomAcknowledgements.id })
    .from(schema.roomAcknowledgements)
    .where(and(eq(schema.roomAcknowledgements.roomId, roomId), eq(schema.roomAcknowledgements.userId, actor.id)))
    .limit(1);
  return rows.length > 0;
}
