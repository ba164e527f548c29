import { json, withActor } from '@/lib/http/api';
import { listStaffActions } from '@/lib/moderation/list-staff-actions';

export const GET = withActor(async ({ actor, req }) => json(await listStaffActions(actor, Object.fromEntries(req.nextUrl.searchParams))));
