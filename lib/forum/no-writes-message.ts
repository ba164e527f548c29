/** Why a thread takes no replies or edits (the policy said no): its own lock, or its channel's archiving. */
export function noWritesMessage(thread: { locked: boolean }, channel: { archivedAt: Date | string | null }): string {
  if (thread.locked) return 'This thread is locked and takes no replies or edits.';
  if (channel.archivedAt !== null) return 'This channel is archived: its threads take no replies or edits.';
  return 'This thread takes no replies.';
}
