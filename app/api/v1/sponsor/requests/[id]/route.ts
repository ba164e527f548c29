import { json, readJson, withActor } from '@/lib/http/api';
import { respondAsSponsor } from '@/lib/vetting/sponsor-requests';

/** `{ decision: "vouch" | "decline", note }` — a note is required to decline. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) => json(await respondAsSponsor(actor, params.id, await readJson(req))));
