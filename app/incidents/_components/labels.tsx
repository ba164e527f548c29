/** Tags and wording shared by the incident pages, the public bulletin and the SMS outbox. No client-only code. */

export type Severity = 'low' | 'moderate' | 'high' | 'critical';
export type RoomStatus = 'open' | 'contained' | 'resolved' | 'closed';
export type SmsStatus = 'queued' | 'sending' | 'delivered' | 'failed';
export type SmsKind = 'alert' | 'signpost' | 'follow_up';

const severityTag: Record<Severity, { text: string; colour: string }> = {
  low: { text: 'Low', colour: 'grey' },
  moderate: { text: 'Moderate', colour: 'yellow' },
  high: { text: 'High', colour: 'orange' },
  critical: { text: 'Critical', colour: 'red' },
};

const statusTag: Record<RoomStatus, { text: string; colour: string }> = {
  open: { text: 'Open', colour: 'blue' },
  contained: { text: 'Contained', colour: 'yellow' },
  resolved: { text: 'Resolved', colour: 'green' },
  closed: { text: 'Closed', colour: 'grey' },
};

const smsStatusTag: Record<SmsStatus, { text: string; colour: string }> = {
  queued: { text: 'Queued', colour: 'grey' },
  sending: { text: 'Sending', colour: 'blue' },
  delivered: { text: 'Delivered', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
};

export const smsKindLabel: Record<SmsKind, string> = { alert: 'Alert', signpost: 'Bulletin link', follow_up: 'Bulletin update link' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = severityTag[severity];
  return <strong className={`nhsuk-tag nhsuk-tag--${t.colour}`}>{t.text}</strong>;
}

export function StatusTag({ status }: { status: RoomStatus }) {
  const t = statusTag[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${t.colour}`}>{t.text}</strong>;
}

export function SmsStatusTag({ status }: { status: SmsStatus }) {
  const t = smsStatusTag[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${t.colour}`}>{t.text}</strong>;
}

export function isAlerting(severity: Severity) {
  return severity === 'high' || severity === 'critical';
}
