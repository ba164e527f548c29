import { config } from '@/lib/config';

/**
 * The Notify templates' bodies, exactly as they must be set up in the Notify service (see README).
 * Texts are built only from public fields: reference, severity, public headline and bulletin link.
 */
export const ALERT_TEMPLATE_BODY =
  '((severity)) cyber incident ((reference)): ((headline)). Watchroom will text you a link to the public bulletin.';
export const SIGNPOST_TEMPLATE_BODY = 'Public bulletin for ((reference)): ((url))';
/** Sent when a bulletin update is published with "text everyone": the update's own (public) headline. */
export const FOLLOW_UP_TEMPLATE_BODY = 'Update to the public bulletin for ((reference)): ((headline)). Read it: ((url))';

export const MAX_SMS_LENGTH = 918;

export type SmsKind = 'alert' | 'signpost' | 'follow_up';
export type PublicRoomFields = { reference: string; severity: string; publicHeadline: string };

export function renderTemplate(body: string, personalisation: Record<string, string>): string {
  return body.replace(/\(\(([a-z_]+)\)\)/gi, (_m, key: string) => personalisation[key] ?? '');
}

export function bulletinUrl(reference: string): string {
  return `${config().publicUrl}/bulletins/${encodeURIComponent(reference)}`;
}

/** The signpost's personal short link: opens the bulletin and records that this person opened it. */
export function personalLinkUrl(token: string): string {
  return `${config().publicUrl}/a/${token}`;
}

/** 16 random bytes, base64url: 22 characters. The preview uses a placeholder of the same length. */
export const LINK_TOKEN_LENGTH = 22;

export function composeSms(kind: SmsKind, room: PublicRoomFields, opts: { linkToken?: string } = {}) {
  const { NOTIFY_ALERT_TEMPLATE_ID, NOTIFY_SIGNPOST_TEMPLATE_ID } = config();
  if (kind === 'alert') {
    const personalisation = {
      severity: room.severity.toUpperCase(),
      reference: room.reference,
      headline: room.publicHeadline,
    };
    return { templateId: NOTIFY_ALERT_TEMPLATE_ID, personalisation, body: renderTemplate(ALERT_TEMPLATE_BODY, personalisation) };
  }
  const url = opts.linkToken ? personalLinkUrl(opts.linkToken) : bulletinUrl(room.reference);
  if (kind === 'follow_up') {
    // The follow-up's headline is the new bulletin version's, passed in as the room's public headline.
    const personalisation = { reference: room.reference, headline: room.publicHeadline, url };
    return { templateId: config().NOTIFY_FOLLOW_UP_TEMPLATE_ID, personalisation, body: renderTemplate(FOLLOW_UP_TEMPLATE_BODY, personalisation) };
  }
  const personalisation = { reference: room.reference, url };
  return {
    templateId: NOTIFY_SIGNPOST_TEMPLATE_ID,
    personalisation,
    body: renderTemplate(SIGNPOST_TEMPLATE_BODY, personalisation),
  };
}
