import { json, readJson, withActor } from '@/lib/http/api';
import { listReportQueue } from '@/lib/moderation/list-reports';
import { reportPost } from '@/lib/moderation/report-post';

export const GET = withActor(async ({ actor, req }) => json(await listReportQueue(actor, Object.fromEntries(req.nextUrl.searchParams))));

export const POST = withActor(async ({ actor, req }) => json(await reportPost(actor, await readJson(req)), 201));
