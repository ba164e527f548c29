'use server';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/request-actor';
import { createChannel, updateChannel } from '@/lib/forum/manage-channels';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { signInPath } from '../../_components/require-actor';

async function staffActor(back: string) {
  const actor = await getActor();
  if (!actor) redirect(signInPath(back));
  return actor;
}

export async function createChannelAction(_prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor('/admin/channels');
  const values = formValues(form);
  let slug = '';
  const state = await runAction(async () => {
    ({ slug } = await createChannel(actor, { slug: values.slug ?? '', name: values.name ?? '', description: values.description ?? '' }));
  }, values);
  if (state.ok) redirect(`/admin/channels?created=${encodeURIComponent(slug)}`);
  return state;
}

/** Name, description and position. Position is a whole number; anything else is refused here with a clear message. */
export async function updateChannelAction(slug: string, _prev: FormState | undefined, form: FormData): Promise<FormState> {
  const actor = await staffActor(`/admin/channels/${encodeURIComponent(slug)}`);
  const values = formValues(form);
  const position = (values.position ?? '').trim();
  if (!/^\d{1,5}$/.test(position)) {
    const message = 'Enter the position as a whole number, like 0, 1 or 2';
    return { error: message, fields: { position: [message] }, values };
  }
  const state = await runAction(async () => {
    await updateChannel(actor, slug, { name: values.name ?? '', description: values.description ?? '', position: Number(position) });
  }, values);
  if (state.ok) redirect(`/admin/channels?updated=${encodeURIComponent(slug)}`);
  return state;
}

/** Archive or restore: a plain form with the channel's address and the way to go. */
export async function setArchivedAction(form: FormData): Promise<void> {
  const actor = await staffActor('/admin/channels');
  const slug = String(form.get('slug') ?? '');
  const archived = form.get('archived') === 'true';
  await updateChannel(actor, slug, { archived });
  redirect(`/admin/channels?${archived ? 'archived' : 'restored'}=${encodeURIComponent(slug)}`);
}
