'use client';
import { useRoom } from './room-live';

const permanent = /permanent failure/i;

/** Shown under the ledger when some texts failed for a reason worth trying again; counts update live. */
export function SmsResendButton({ action }: { action: () => Promise<void> }) {
  const { texts } = useRoom();
  const failed = (texts ?? []).filter((t) => t.status === 'failed' && !permanent.test(t.failureReason ?? ''));
  if (failed.length === 0) return null;
  return (
    <form action={action} data-testid="sms-resend">
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Re-send to the failed ({failed.length} {failed.length === 1 ? 'text' : 'texts'})
      </button>
    </form>
  );
}
