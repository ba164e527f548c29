'use server';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { inviteToRoom, nominateColleague, respondToInvitation, revokeInvitation } from '@/lib/incidents/invitations';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Ids come from the page but are untrusted: the use cases check membership, role and addressee. */
export async function inviteAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await inviteToRoom(actor, roomId, {
      users: list(values.users),
      organisations: list(values.organisations),
      expiresInDays: values.expiresInDays ? Number(values.expiresInDays) : undefined,
    });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function revokeInvitationAction(roomId: string, invitationId: string, _prev: FormState): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const state = await runAction(async () => {
    await revokeInvitation(actor, roomId, invitationId);
  });
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function nominateAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await nominateColleague(actor, roomId, { email: values.email ?? '', reason: values.reason ?? '' });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}

export async function respondAction(roomId: string, invitationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  const state = await runAction(async () => {
    await respondToInvitation(actor, invitationId, { response: values.response });
  }, values);
  if (state.ok) revalidatePath(`/incidents/${roomId}`);
  return state;
}
