'use server';
import { requireActor } from '@/app/_components/require-actor';
import { formValues, runAction, type FormState } from '@/lib/http/action';
import { reportOrgStatus } from '@/lib/incidents/org-status';

/** The room id is untrusted: the use case checks membership and that the organisation was invited. */
export async function reportOrgStatusAction(roomId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/incidents/${encodeURIComponent(roomId)}`);
  const values = formValues(form);
  return runAction(async () => {
    await reportOrgStatus(actor, roomId, { status: values.status, note: values.note ?? '' });
  }, values);
}
