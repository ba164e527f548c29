import { randomUUID } from 'node:crypto';
import { config, type Config } from '@/lib/config';
import { createSmsGateway, type SmsGateway } from './notify-client';
import { classifyNotifyError, type NotifyFailure } from './notify-errors';
import { acquireNotifyToken } from './notify-rate';

/**
 * Texts a verification code straight through the Notify client (not the room outbox: these texts belong
 * to no room). Same retry rules as room texts (notify-errors.ts): retry 5xx, 429 RateLimitError, timeouts
 * and refused connections a few times; after an answer that may have been lost, look the text up by its
 * reference before sending again, so the person never gets two codes from one request.
 */
export type VerificationSendResult = { ok: true; notifyId: string } | { ok: false; failure: Exclude<NotifyFailure, { action: 'retry' }> | { action: 'gave-up'; message: string } };

const ATTEMPTS = 3;
const BACKOFF_MS = [300, 1_500];

let cached: { config: Config; gateway: SmsGateway } | undefined;

/** The process's gateway for codes (the same client and simulated mode as the worker's). */
export function defaultSmsGateway(): SmsGateway {
  const c = config();
  if (!cached || cached.config !== c) cached = { config: c, gateway: createSmsGateway() };
  return cached.gateway;
}

export async function sendVerificationText(gateway: SmsGateway, phone: string, code: string): Promise<VerificationSendResult> {
  const reference = `mobile-check-${randomUUID()}`;
  const templateId = config().NOTIFY_VERIFY_TEMPLATE_ID;
  let lastMessage = '';
  let mayHaveArrived = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[attempt - 1] ?? 1_500));
    try {
      if (mayHaveArrived && !gateway.simulated) {
        await acquireNotifyToken();
        const existing = await gateway.findByReference(reference);
        if (existing) return { ok: true, notifyId: existing.id };
      }
      if (!gateway.simulated) await acquireNotifyToken();
      const sent = await gateway.send(templateId, phone, { code }, reference);
      return { ok: true, notifyId: sent.id };
    } catch (error) {
      const failure = classifyNotifyError(error);
      if (failure.action !== 'retry') return { ok: false, failure };
      mayHaveArrived ||= failure.ambiguous;
      lastMessage = failure.message;
    }
  }
  return { ok: false, failure: { action: 'gave-up', message: lastMessage } };
}
