import { addOrganisationContact, listOrganisationContacts } from '@/lib/alerts/contacts';
import { json, readJson, withActor } from '@/lib/http/api';

/** Organisations' key contacts and alert-only contacts: moderators and admins. Numbers are masked. */
export const GET = withActor(async ({ actor }) => json({ contacts: await listOrganisationContacts(actor) }));

export const POST = withActor(async ({ actor, req }) => json(await addOrganisationContact(actor, await readJson(req)), 201));
