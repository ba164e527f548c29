import type { Tx } from '@/db/client';
import { schema } from '@/db/client';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends to the audit trail inside the caller's transaction, so the record and the change commit together. */
export async function recordAudit(tx: Tx, entry: AuditEntry) {
  await tx.insert(schema.auditEvents).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ?? {},
  });
}
