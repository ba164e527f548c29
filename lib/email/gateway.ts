import { createNotifyClient, type NotifyClientOptions } from '@/lib/alerts/notify-client';

export type SentEmail = { id: string; reference?: string | null };

/** GOV.UK Notify's email API on the same client (and simulation) as texts. */
export interface EmailGateway {
  readonly simulated: boolean;
  readonly baseUrl: string;
  send(templateId: string, emailAddress: string, personalisation: Record<string, string>, reference: string): Promise<SentEmail>;
  findByReference(reference: string): Promise<SentEmail | null>;
}

export function createEmailGateway(opts?: NotifyClientOptions): EmailGateway {
  const { client, simulated, baseUrl } = createNotifyClient(opts);
  return {
    simulated,
    baseUrl,
    async send(templateId, emailAddress, personalisation, reference) {
      const res = await client.sendEmail(templateId, emailAddress, { personalisation, reference });
      return { id: res.data.id, reference: res.data.reference };
    },
    async findByReference(reference) {
      const res = await client.getNotifications('email', undefined, reference, undefined);
      const found = (res.data.notifications ?? [])[0];
      return found ? { id: found.id, reference: found.reference } : null;
    },
  };
}
