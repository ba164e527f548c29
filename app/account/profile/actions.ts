'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { updateMyProfile } from '@/lib/people/profile';
import { PROFILE_FIELDS } from '@/lib/policy';
import { signInPath } from '../../_components/require-actor';

export async function updateProfileAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/profile'));
  const values = formValues(form);
  const state = await runAction(async () => {
    await updateMyProfile(actor, {
      jobRole: values.jobRole ?? '',
      bio: values.bio ?? '',
      visibility: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, values[`visibility.${f}`]])),
    });
  }, values);
  if (state.ok) redirect('/account/profile?saved=1');
  return state;
}
