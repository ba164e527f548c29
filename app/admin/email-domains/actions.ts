'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { addEmailDomain, removeEmailDomain } from '@/lib/vetting/email-domains';
import { signInPath } from '../../_components/require-actor';

async function adminActor() {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/admin/email-domains'));
  return actor;
}

export async function addDomainAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await adminActor();
  const values = formValues(form);
  const state = await runAction(async () => {
    await addEmailDomain(actor, { domain: values.domain ?? '' });
  }, values);
  if (state.ok) redirect('/admin/email-domains?added=1');
  return state;
}

export async function removeDomainAction(form: FormData) {
  const actor = await adminActor();
  await removeEmailDomain(actor, String(form.get('domain') ?? ''));
  redirect('/admin/email-domains?removed=1');
}
