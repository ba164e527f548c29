/**
 * For client components (it reads the page's DOM). fetch for our own /api: same-origin credentials and, on a write, the session's CSRF token from the
 * page's `<meta name="csrf-token">` (app/layout.tsx) in `x-csrf-token`. A plain object body is sent as JSON.
 */
export function apiFetch(path: string, init: Omit<RequestInit, 'body'> & { body?: unknown } = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  let body = init.body as BodyInit | null | undefined;
  if (init.body !== undefined && !(typeof init.body === 'string' || init.body instanceof FormData || init.body instanceof Blob)) {
    body = JSON.stringify(init.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
    if (token) headers.set('x-csrf-token', token);
  }
  return fetch(path, { ...init, method, headers, body, credentials: 'same-origin' });
}
