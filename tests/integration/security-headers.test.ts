import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setRuntimeEnv } from '@/lib/config';
import { proxy, config as proxyConfig } from '@/proxy';

/** The proxy (proxy.ts) as Next runs it for every request: the response headers, and what the page render sees. */
function run(path: string) {
  const res = proxy(new NextRequest(`http://localhost:3000${path}`));
  const csp = res.headers.get('content-security-policy') ?? '';
  // NextResponse.next({ request: { headers } }) hands the rewritten request headers to the renderer like this.
  const renderCsp = res.headers.get('x-middleware-request-content-security-policy');
  const renderNonce = res.headers.get('x-middleware-request-x-nonce');
  return { res, csp, renderCsp, renderNonce, directives: Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v])) };
}

afterEach(() => {
  delete process.env.PUBLIC_URL;
  setRuntimeEnv({});
});

describe('security headers', () => {
  it('pages: scripts only with a fresh per-request nonce, never unsafe-inline; no framing, plugins or <base>', () => {
    const a = run('/threads/123');
    const b = run('/threads/123');
    const nonce = a.directives['script-src'].find((s: string) => s.startsWith("'nonce-"));
    expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/=]{20,}'$/);
    expect(b.directives['script-src']).not.toContain(nonce);
    expect(a.directives['script-src']).not.toContain("'unsafe-inline'");
    expect(a.directives['script-src']).not.toContain("'unsafe-eval'");
    expect(a.directives['frame-ancestors']).toEqual(["'none'"]);
    expect(a.directives['object-src']).toEqual(["'none'"]);
    expect(a.directives['base-uri']).toEqual(["'none'"]);
    expect(a.directives['form-action']).toEqual(["'self'"]);
    // socket.io connects to our own origin.
    expect(a.directives['connect-src']).toEqual(["'self'"]);
    // Next finds the nonce in the request's CSP header and puts it on its scripts.
    expect(a.renderCsp).toBe(a.csp);
    expect(`'nonce-${a.renderNonce}'`).toBe(nonce);
  });

  it('public bulletins, short links and the API get a script-free policy with no nonce (a cached copy is the same for all)', () => {
    for (const path of ['/bulletins', '/bulletins/INC-2026-0001', '/bulletins/feed.xml', '/a/abcdefghijklmnop', '/api/v1/me']) {
      const { csp, directives, renderCsp, renderNonce } = run(path);
      expect(directives['script-src'], path).toEqual(["'none'"]);
      expect(csp).not.toContain('nonce-');
      expect(renderCsp).toBeNull();
      expect(renderNonce).toBeNull();
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
    }
  });

  it('sets the other headers on every response, HSTS only when served over https', () => {
    for (const path of ['/', '/sign-in', '/api/v1/me', '/bulletins', '/assets/nhsuk.css']) {
      const { res } = run(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('permissions-policy')).toContain('geolocation=()');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    process.env.PUBLIC_URL = 'https://watchroom.example.nhs.uk';
    setRuntimeEnv({});
    expect(run('/').res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('runs for every path but Next’s own hashed build files', () => {
    const [matcher] = proxyConfig.matcher;
    const re = new RegExp(`^${matcher}$`);
    for (const p of ['/', '/bulletins', '/api/v1/me', '/assets/nhsuk.css', '/incidents/x']) expect(re.test(p), p).toBe(true);
    for (const p of ['/_next/static/chunks/a.js', '/_next/image']) expect(re.test(p), p).toBe(false);
  });
});
