'use client';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { TlpTag } from '@/app/_components/tlp-banner';
import { DateTime } from '@/app/_components/date-time';
import type { FormState } from '@/lib/http/action';
import type { Tlp } from '@/lib/policy';
import { SeverityTag, type Severity } from '../_components/labels';
import { SummaryRow } from '@/app/_components/summary-row';

type Preview = {
  reference: string;
  severity: Severity;
  tlp: Tlp;
  publicHeadline: string;
  inviterName: string;
  organisationName: string | null;
  expiresAt: string;
};

/**
 * What an invitee sees before accepting: the room's public fields only (no title, summary or posts).
 * Accepting reloads the page, which then shows the room through the member's path.
 */
export function InvitationPreview({ invitation, action }: { invitation: Preview; action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <div data-testid="invitation-preview">
      <span className="nhsuk-caption-l">{invitation.reference}</span>
      <h1>You are invited to an incident room</h1>
      <p>
        {invitation.inviterName} invited {invitation.organisationName ? `${invitation.organisationName}, as its incident contact` : 'you'}. Until you accept you
        see only what is public about the room.
      </p>
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Severity"><SeverityTag severity={invitation.severity} /></SummaryRow>
        <SummaryRow label="TLP ceiling"><TlpTag tlp={invitation.tlp} /></SummaryRow>
        <SummaryRow label="Public headline">{invitation.publicHeadline}</SummaryRow>
        <SummaryRow label="Invitation expires"><DateTime value={invitation.expiresAt} /></SummaryRow>
      </dl>
      <form action={formAction}>
        <ErrorSummary state={state} />
        <p>By accepting you agree to handle what you read under TLP:{invitation.tlp}.</p>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="submit" name="response" value="accept" disabled={pending}>
            Accept and open the room
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="response" value="decline" disabled={pending}>
            Decline
          </button>
        </div>
      </form>
    </div>
  );
}
