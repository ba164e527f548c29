'use server';
import { notFound, redirect } from 'next/navigation';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { createRoom } from '@/lib/incidents/create-room';
import { mayOpenRoom } from '@/lib/policy';

const optional = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : undefined);

/** Opens a room from the form, then goes to it; errors come back to the form with what was entered. */
export async function openRoomAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor('/incidents/new');
  if (!mayOpenRoom(actor)) notFound();
  const organisations = form.getAll('organisations').filter((v): v is string => typeof v === 'string');
  const users = (optional(form.get('users')) ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  // Checkbox values are joined so the form can tick them again after an error.
  const values = { ...formValues(form), organisations: organisations.join(',') };
  let roomId: string | undefined;
  const state = await runAction(async () => {
    const room = await createRoom(actor, {
      title: optional(form.get('title')),
      severity: optional(form.get('severity')),
      tlp: optional(form.get('tlp')),
      summary: optional(form.get('summary')),
      publicHeadline: optional(form.get('publicHeadline')),
      invite: { organisations, users },
    });
    roomId = room.id;
  }, values);
  if (roomId) redirect(`/incidents/${roomId}`);
  return { ...state, fields: groupListErrors(state.fields, { 'invite.organisations': organisations, 'invite.users': users }) };
}

/**
 * zod names a bad list item by its index (`invite.users.2`); the form has one field per list, so
 * those messages are gathered under the list's key, naming the value that was wrong.
 */
function groupListErrors(fields: FormState['fields'], lists: Record<string, string[]>) {
  if (!fields) return fields;
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fields)) {
    const list = Object.keys(lists).find((name) => key.startsWith(`${name}.`));
    if (!list) {
      (out[key] ??= []).push(...messages);
      continue;
    }
    const value = lists[list][Number(key.slice(list.length + 1))];
    (out[list] ??= []).push(...messages.map((m) => (value ? `${m}: ${value}` : m)));
  }
  return out;
}
