import type { Tx } from '@/db/client';
import { schema } from '@/db/client';

/** How the log names Watchroom itself when it acted on its own (a sanction lifted at its end date). */
export const AUTOMATIC_ACTOR_NAME = 'Watchroom (automatic)';

/** A moderator or admin acted, or Watchroom did it by itself (no acting person). */
type ActedBy = { actorId: string; automatic?: never } | { automatic: true; actorId?: never };

export type StaffAction = ActedBy & {
  /** e.g. `post.hide`, `user.suspend`, `user.role_change`, `signup.approve`, `user.silence_expired`. */
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
    actorId: entry.automatic ? null : entry.actorId,
    automatic: entry.automatic === true,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetUserId: entry.targetUserId ?? null,
    reason: entry.reason ?? '',
    detail: entry.detail ?? {},
  });
}
