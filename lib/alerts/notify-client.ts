import { randomUUID } from 'node:crypto';
import axios, { type AxiosAdapter, type AxiosInstance } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { config } from '@/lib/config';
import { VERIFY_TEMPLATE_BODY } from './mobile-verification-code';
import { ALERT_TEMPLATE_BODY, SIGNPOST_TEMPLATE_BODY, renderTemplate } from './templates';

/**
 * The real GOV.UK Notify client, always with a timeout. Without NOTIFY_API_KEY it is the very same
 * client, JWT and all, with an axios adapter in place of the network: "simulated" stops at the HTTP call.
 */
export type NotifySms = { id: string; reference?: string | null; status?: string; body?: string };

export interface SmsGateway {
  readonly simulated: boolean;
  /** Where the Notify client really sends (its `apiClient.urlBase`): checked by tests and shown at start-up. */
  readonly baseUrl: string;
  send(templateId: string, phone: string, personalisation: Record<string, string>, reference: string): Promise<NotifySms>;
  findByReference(reference: string): Promise<NotifySms | null>;
  getById(id: string): Promise<NotifySms | null>;
  /** Replies to the service's inbound number, newest first (one page). */
  getReceivedTexts(): Promise<ReceivedText[]>;
}

export type ReceivedText = { id: string; userNumber: string; content: string; createdAt: string };

const SIMULATED_KEY = 'simulated-00000000-0000-4000-8000-000000000000-00000000-0000-4000-8000-000000000000';

export type NotifyClientOptions = { apiKey?: string; baseUrl?: string; timeoutMs?: number };

/** The one factory for Notify clients (texts and emails): the configured key and base, a timeout, simulation without a key. */
export function createNotifyClient(opts?: NotifyClientOptions): { client: NotifyClient; simulated: boolean; baseUrl: string } {
  const c = config();
  const apiKey = opts?.apiKey ?? c.NOTIFY_API_KEY;
  const simulated = !apiKey;
  const baseUrl = opts?.baseUrl ?? (simulated ? 'http://simulated.notify.invalid' : c.NOTIFY_BASE_URL);
  if (!/^https?:\/\//.test(baseUrl)) throw new Error('NOTIFY_BASE_URL must start with http(s)://');
  const client = new NotifyClient(baseUrl, apiKey ?? SIMULATED_KEY);
  const http: AxiosInstance = axios.create({
    timeout: opts?.timeoutMs ?? c.NOTIFY_TIMEOUT_MS,
    ...(simulated ? { adapter: simulatedAdapter() } : {}),
  });
  client.setClient(http);
  return { client, simulated, baseUrl: (client as unknown as { apiClient: { urlBase: string } }).apiClient.urlBase };
}

export function createSmsGateway(opts?: NotifyClientOptions): SmsGateway {
  const { client, simulated, baseUrl } = createNotifyClient(opts);

  return {
    simulated,
    baseUrl,
    async send(templateId, phone, personalisation, reference) {
      const res = await client.sendSms(templateId, phone, { personalisation, reference });
      return { id: res.data.id, reference: res.data.reference, body: res.data.content?.body };
    },
    async findByReference(reference) {
      const res = await client.getNotifications('sms', undefined, reference, undefined);
      const found = (res.data.notifications ?? [])[0];
      return found ? { id: found.id, reference: found.reference, status: found.status, body: found.body } : null;
    },
    async getReceivedTexts() {
      const res = await client.getReceivedTexts(undefined);
      return ((res.data.received_text_messages ?? []) as { id: string; user_number: string; content: string; created_at: string }[]).map((t) => ({
        id: t.id,
        userNumber: t.user_number,
        content: t.content,
        createdAt: t.created_at,
      }));
    },
    async getById(id) {
      try {
        const res = await client.getNotificationById(id);
        return { id: res.data.id, reference: res.data.reference, status: res.data.status, body: res.data.body };
      } catch (e) {
        if (axios.isAxiosError(e) && e.response?.status === 404) return null;
        throw e;
      }
    },
  };
}

/** Answers as Notify would for an accepted text; nothing leaves the process. */
function simulatedAdapter(): AxiosAdapter {
  const bodies: Record<string, string> = {
    [config().NOTIFY_ALERT_TEMPLATE_ID]: ALERT_TEMPLATE_BODY,
    [config().NOTIFY_SIGNPOST_TEMPLATE_ID]: SIGNPOST_TEMPLATE_BODY,
    [config().NOTIFY_VERIFY_TEMPLATE_ID]: VERIFY_TEMPLATE_BODY,
  };
  return async (request) => {
    const respond = (status: number, data: unknown) => ({ data, status, statusText: String(status), headers: {}, config: request });
    if (request.method === 'post') {
      const payload = typeof request.data === 'string' ? JSON.parse(request.data) : request.data;
      const id = randomUUID();
      if (String(request.url).endsWith('/v2/notifications/email')) {
        const p = payload.personalisation ?? {};
        return respond(201, {
          id,
          reference: payload.reference ?? null,
          content: { subject: String(p.subject ?? ''), body: String(p.body ?? ''), from_email: 'watchroom@notifications.service.gov.uk' },
          uri: `/v2/notifications/${id}`,
          template: { id: payload.template_id, version: 1, uri: '' },
          scheduled_for: null,
        });
      }
      const body = renderTemplate(bodies[payload.template_id] ?? '', payload.personalisation ?? {});
      return respond(201, {
        id,
        reference: payload.reference ?? null,
        content: { body, from_number: 'GOVUK' },
        uri: `/v2/notifications/${id}`,
        template: { id: payload.template_id, version: 1, uri: '' },
        scheduled_for: null,
      });
    }
    // Lookups in simulated mode find nothing: no text was ever really handed over.
    if (String(request.url).includes('/v2/notifications?')) return respond(200, { notifications: [], links: {} });
    if (String(request.url).includes('/v2/received-text-messages')) return respond(200, { received_text_messages: [], links: {} });
    return respond(404, { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] });
  };
}
