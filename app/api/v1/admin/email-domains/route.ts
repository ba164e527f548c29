import { json, readJson, withActor } from '@/lib/http/api';
import { addEmailDomain, listEmailDomains } from '@/lib/vetting/email-domains';

/** Admins: the work-email domains that may request an account. */
export const GET = withActor(async ({ actor }) => json({ domains: await listEmailDomains(actor) }));

export const POST = withActor(async ({ actor, req }) => json(await addEmailDomain(actor, await readJson(req)), 201));
