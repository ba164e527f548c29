/** Signing in and checking the 50-post thread page, shared by tests/bench/run.ts and tests/bench/sms.ts. */

/** next-auth credentials sign-in: csrf token + cookie, then the callback; returns the Cookie header to send. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return session.split(';')[0];
}

/** Throws unless the signed-in thread page answers 200 with exactly 50 posts; returns a line to log. */
export async function checkThreadPage(url: string, cookie: string): Promise<string> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  const shown = html.match(/data-post-id="/g)?.length ?? 0;
  if (res.status !== 200 || shown !== 50) throw new Error(`thread page: HTTP ${res.status}, ${shown} posts shown (expected 200 and 50)`);
  return `Thread page check: HTTP 200, 50 posts, ${(html.length / 1024).toFixed(0)} KiB of HTML`;
}
