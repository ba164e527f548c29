'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { markNotificationsRead } from '@/lib/forum/notifications';
import { runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../_components/require-actor';

export type MarkReadState = FormState & { done?: number };

export async function markAllRead(_prev: MarkReadState | undefined): Promise<MarkReadState> {
  const actor = await getActor();
  if (!actor) redirect(signInPath('/notifications'));
  const state = await runAction(async () => {
    await markNotificationsRead(actor, { all: true });
  });
  revalidatePath('/notifications');
  return state.ok ? { ok: true, done: Date.now() } : state;
}
