import type { Tx } from '@/db/client';
import { schema } from '@/db/client';
import { config } from '@/lib/config';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';

export type EmailContent = { subject: string; body: string };

/**
 * Puts one email in the outbox and its send job in pg-boss, inside the caller's transaction: the email
 * exists if and only if the change that causes it commits. Content is built only from account and
 * sign-up fields (lib/email/messages.ts), never from incident rooms.
 */
export async function queueEmail(tx: Tx, to: string, purpose: string, content: EmailContent) {
  const [row] = await tx
    .insert(schema.emailMessages)
    .values({
      toAddress: to,
      purpose,
      templateId: config().NOTIFY_EMAIL_TEMPLATE_ID,
      personalisation: { subject: content.subject, body: content.body },
      body: content.body,
    })
    .returning({ id: schema.emailMessages.id });
  await insertJobsInTx(tx, [{ name: QUEUES.emailSend, data: { emailId: row.id } }]);
  return row.id;
}
