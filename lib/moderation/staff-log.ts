import type { Tx } from '@/db/client';
import { schema } from '@/db/client';

export type StaffAction = {
  actorId: string;
  /** e.g. `post.hide`, `user.suspend`, `user.role_change`, `signup.approve`. */
  action: string;
  targetType: 'post' | 'thread' | 'user' | 'signup' | 'report' | 'channel' | 'organisation' | 'email_domain' | 'room';
  targetId?: string | null;
  targetUserId?: string | null;
  reason?: string;
  detail?: Record<string, unknown>;
};

/** Appends to the staff action log inside the caller's transaction: the action and its record commit together. */
export async function recordStaffAction(tx: Tx, entry: StaffAction) {
  await tx.insert(schema.staffActions).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetUserId: entry.targetUserId ?? null,
    reason: entry.reason ?? '',
    detail: entry.detail ?? {},
  });
}
