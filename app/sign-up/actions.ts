'use server';
import { headers } from 'next/headers';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { requestClientIp } from '@/lib/http/client-ip';
import { requestSignup } from '@/lib/vetting/request-signup';

export async function requestSignupAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const ip = requestClientIp(await headers());
  // The password never comes back to the page.
  const { password: _password, ...echo } = values;
  return runAction(async () => {
    await requestSignup(values, { ip });
  }, echo);
}
