'use server';
import { redirect } from 'next/navigation';
import { requireActor } from '@/app/_components/require-actor';
import { acknowledgeRoom } from '@/lib/alerts/acknowledge';
import { resendFailedTexts } from '@/lib/alerts/resend';

/** "Re-send to the failed": a plain form post (works without JavaScript), back to the ledger. */
export async function resendFailedAction(roomId: string) {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const { resent } = await resendFailedTexts(actor, roomId);
  redirect(`/incidents/${encodeURIComponent(roomId)}?resent=${resent}#sms-heading`);
}

/** "We have seen this": acknowledges the room's alert for the person and their organisation. */
export async function acknowledgeAction(roomId: string) {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  await acknowledgeRoom(actor, roomId);
  redirect(`/incidents/${encodeURIComponent(roomId)}?acknowledged=1#acknowledge-heading`);
}
