import { json, withActor } from '@/lib/http/api';
import { revealPostAuthor } from '@/lib/incidents/anonymous';

/** Moderators and admins in the room see who wrote an anonymous post; each reveal is audited (so POST). */
export const POST = withActor<{ id: string; postId: string }>(async ({ actor, params }) =>
  json(await revealPostAuthor(actor, params.id, params.postId)),
);
