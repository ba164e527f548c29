import { SendingStatusBanner } from '@/app/_components/sending-status-banner';
import { getSendingState } from '@/lib/alerts/sending-controls';

/** Above the room's ledger: says so when sending is paused or held until the next UTC day. */
export async function SmsSendingStatus() {
  return <SendingStatusBanner state={await getSendingState()} />;
}
