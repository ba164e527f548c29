'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { confirmMobileVerification } from '@/lib/alerts/mobile-verification-confirm';
import { removeMobile } from '@/lib/alerts/mobile-verification-remove';
import { startMobileVerification } from '@/lib/alerts/mobile-verification-start';
import { getActor } from '@/lib/auth/request-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

export type SendCodeState = FormState & { simulatedCode?: string };

async function memberActor() {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/account/mobile'));
  return actor;
}

export async function sendCodeAction(_prev: SendCodeState | undefined, form: FormData): Promise<SendCodeState> {
  const actor = await memberActor();
  const values = formValues(form);
  let simulatedCode: string | undefined;
  const state = await runAction(async () => {
    simulatedCode = (await startMobileVerification(actor, { mobile: values.mobile ?? '' })).simulatedCode;
  }, values);
  revalidatePath('/account/mobile');
  return state.ok ? { ok: true, ...(simulatedCode ? { simulatedCode } : {}) } : state;
}

export async function confirmCodeAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await memberActor();
  const state = await runAction(async () => {
    await confirmMobileVerification(actor, { code: String(form.get('code') ?? '') });
  });
  if (state.ok) redirect('/account/mobile?verified=1');
  revalidatePath('/account/mobile');
  return state;
}

export async function removeMobileAction() {
  const actor = await memberActor();
  await removeMobile(actor);
  redirect('/account/mobile?removed=1');
}
