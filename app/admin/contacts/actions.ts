'use server';
import { redirect } from 'next/navigation';
import { addOrganisationContact, removeOrganisationContact } from '@/lib/alerts/contacts';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

async function staffActor() {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/admin/contacts'));
  return actor;
}

export async function addContactAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor();
  const values = formValues(form);
  const state = await runAction(async () => {
    await addOrganisationContact(actor, { odsCode: values.odsCode ?? '', role: values.role ?? '', name: values.name ?? '', mobile: values.mobile ?? '' });
  }, values);
  if (state.ok) redirect('/admin/contacts?added=1');
  return state;
}

export async function removeContactAction(form: FormData) {
  const actor = await staffActor();
  await removeOrganisationContact(actor, String(form.get('id') ?? ''));
  redirect('/admin/contacts?removed=1');
}
