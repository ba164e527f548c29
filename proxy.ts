import { NextResponse, type NextRequest } from 'next/server';
import { securityHeadersFor } from '@/lib/http/security-headers';

/**
 * Every response gets the security headers. Pages get a Content-Security-Policy with a fresh nonce:
 * Next reads it from the request's CSP header and puts it on its own scripts, so no inline script
 * runs without it. Public, cacheable pages (the bulletins) and API responses get a policy with no
 * scripts at all and no nonce, so a cached copy carries nothing request-specific.
 */
export function proxy(request: NextRequest) {
  const { headers, nonce } = securityHeadersFor(request.nextUrl.pathname);
  const requestHeaders = new Headers(request.headers);
  if (nonce) {
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('content-security-policy', headers['Content-Security-Policy']);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's own hashed build files (static, immutable, never HTML).
  matcher: ['/((?!_next/static|_next/image).*)'],
};
