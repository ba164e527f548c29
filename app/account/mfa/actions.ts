'use server';
import { redirect } from 'next/navigation';
import { confirmMfaEnrolment } from '@/lib/auth/confirm-mfa-enrolment';
import { disableMfa } from '@/lib/auth/disable-mfa';
import { regenerateRecoveryCodes } from '@/lib/auth/regenerate-recovery-codes';
import { startMfaEnrolment } from '@/lib/auth/start-mfa-enrolment';
import { runAction, type FormState } from '@/lib/http/action';
import { mfaPageActor } from './mfa-actor';

export type CodesState = FormState & { recoveryCodes?: string[] };

export async function startEnrolmentAction(_prev: FormState | undefined): Promise<FormState> {
  const actor = await mfaPageActor();
  const state = await runAction(async () => {
    await startMfaEnrolment(actor);
  });
  if (state.ok) redirect('/account/mfa');
  return state;
}

export async function confirmEnrolmentAction(_prev: CodesState | undefined, form: FormData): Promise<CodesState> {
  const actor = await mfaPageActor();
  let recoveryCodes: string[] = [];
  const state = await runAction(async () => {
    recoveryCodes = (await confirmMfaEnrolment(actor, { code: String(form.get('code') ?? '') })).recoveryCodes;
  });
  return state.ok ? { ok: true, recoveryCodes } : state;
}

export async function regenerateCodesAction(_prev: CodesState | undefined, form: FormData): Promise<CodesState> {
  const actor = await mfaPageActor();
  let recoveryCodes: string[] = [];
  const state = await runAction(async () => {
    recoveryCodes = (await regenerateRecoveryCodes(actor, { password: String(form.get('password') ?? '') })).recoveryCodes;
  });
  return state.ok ? { ok: true, recoveryCodes } : state;
}

export async function disableMfaAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await mfaPageActor();
  const state = await runAction(async () => {
    await disableMfa(actor, { password: String(form.get('password') ?? '') });
  });
  if (state.ok) redirect('/account/mfa?off=1');
  return state;
}
