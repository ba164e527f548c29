import type { IncomingMessage, ServerResponse } from 'node:http';
import { config } from '@/lib/config';

/** Public pages served as plain cached HTML (no scripts): they get no nonce, so a cached copy is the same for everyone. */
const SCRIPTLESS = [/^\/bulletins(\/|$)/, /^\/a\//, /^\/api\//];

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

export type SecurityHeaders = { headers: Record<string, string>; nonce: string | null };

/**
 * The headers for a response to `pathname`. Pages: scripts only with this request's nonce
 * (`'strict-dynamic'` lets Next's nonce-bearing loader pull in its chunks), socket.io on our own origin
 * (connect-src 'self' covers ws:/wss: to it), inline style attributes allowed (no script can use them),
 * nothing framed, no plugins, no <base>, forms post only to us. HSTS only when we are served over https.
 */
export function securityHeadersFor(pathname: string, nonce: string = newNonce()): SecurityHeaders {
  const c = config();
  const scriptless = SCRIPTLESS.some((p) => p.test(pathname));
  const common = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"];
  const csp = scriptless
    ? ["default-src 'none'", "script-src 'none'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", ...common]
    : [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${c.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        ...common,
      ];
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp.join('; '),
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (c.publicUrl.startsWith('https://')) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return { headers, nonce: scriptless ? null : nonce };
}

function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Next's own hashed build files: static, immutable, never HTML. */
const BUILD_FILES = /^\/_next\/(static|image)(\/|$)/;

/**
 * What server.ts does for every request it hands to Next (it used to be Next's proxy, which cost every page
 * about 3 ms of CPU on two cores): the response gets the security headers, and a page's request gets this
 * response's fresh nonce, in the CSP request header Next reads to put it on its own scripts (and in `x-nonce`).
 * Nonce headers a client sent are dropped, so no page renders with a nonce it did not get from us.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse) {
  const pathname = (req.url ?? '/').split('?', 1)[0];
  delete req.headers['content-security-policy'];
  delete req.headers['x-nonce'];
  if (BUILD_FILES.test(pathname)) return;
  const { headers, nonce } = securityHeadersFor(pathname);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (nonce) {
    req.headers['x-nonce'] = nonce;
    req.headers['content-security-policy'] = headers['Content-Security-Policy'];
  }
}
