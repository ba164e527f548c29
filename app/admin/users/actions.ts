'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { changeUserRole } from '@/lib/people/roles';
import { signInPath } from '../../_components/require-actor';

export async function changeRoleAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const actor = await getActor();
  if (!actor) redirect(signInPath(`/admin/users/${values.id ?? ''}`));
  const state = await runAction(async () => {
    await changeUserRole(actor, values.id ?? '', { role: values.role, reason: values.reason ?? '' });
  }, values);
  // Changing your own role signs you out too.
  if (state.ok) redirect(values.id === actor.id ? '/sign-in' : '/admin/users?changed=1');
  return state;
}
