import { withActor } from '@/lib/http/api';
import { removeEmailDomain } from '@/lib/vetting/email-domains';

export const DELETE = withActor<{ domain: string }>(async ({ actor, params }) => {
  await removeEmailDomain(actor, params.domain);
  return new Response(null, { status: 204 });
});
