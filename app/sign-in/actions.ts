'use server';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/request-actor';
import { verifySignInCode } from '@/lib/auth/verify-sign-in-code';
import { runAction, type FormState } from '@/lib/http/action';
import { isSafeRelativePath } from '../_components/require-actor';

export type CodeState = FormState & { next?: string };

/**
 * The second sign-in step: a code from the app or a recovery code; then on to where they were going.
 * The form loads that page in full (not a client-side redirect) so the header is drawn afresh, signed in.
 */
export async function verifyCodeAction(callbackUrl: string, _prev: CodeState | undefined, form: FormData): Promise<CodeState> {
  const session = await currentSession();
  if (session?.state !== 'mfa_code') redirect('/sign-in');
  const state = await runAction(async () => {
    await verifySignInCode(session, { code: String(form.get('code') ?? '') });
  });
  if (!state.ok) return state;
  return { ok: true, next: isSafeRelativePath(callbackUrl) && !callbackUrl.startsWith('/sign-in') ? callbackUrl : '/' };
}
