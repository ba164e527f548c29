'use server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { changePassword } from '@/lib/auth/change-password';
import { getActor, userAgent } from '@/lib/auth/request-actor';
import { sessionCookieFor } from '@/lib/auth/sessions';
import { runAction, type FormState } from '@/lib/http/action';
import { Invalid } from '@/lib/errors';
import { signInPath } from '../../_components/require-actor';

/** Changes the password, signs out everywhere else and puts this browser on a fresh session. */
export async function changePasswordAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/password'));
  const currentPassword = String(form.get('currentPassword') ?? '');
  const newPassword = String(form.get('newPassword') ?? '');
  const confirmPassword = String(form.get('confirmPassword') ?? '');
  const state = await runAction(async () => {
    if (newPassword && confirmPassword !== newPassword) {
      throw Invalid('The new passwords do not match', { confirmPassword: ['Enter the same new password twice'] });
    }
    const fresh = await changePassword(actor, { currentPassword, newPassword }, { ip: actor.ip, userAgent: await userAgent() });
    const cookie = await sessionCookieFor(fresh);
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
  });
  return state.ok ? { ok: true } : state;
}
