import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { setRuntimeEnv } from '@/lib/config';
import { applySecurityHeaders } from '@/lib/http/security-headers';

/** What server.ts does before handing a request to Next: the response headers, and what the page render sees. */
function run(path: string, requestHeaders: Record<string, string> = {}) {
  const req = { url: path, headers: { ...requestHeaders } } as unknown as IncomingMessage;
  const set = new Map<string, string>();
  const res = { setHeader: (name: string, value: string) => set.set(name.toLowerCase(), value) } as unknown as ServerResponse;
  applySecurityHeaders(req, res);
  const csp = set.get('content-security-policy') ?? '';
  // Next reads the nonce from the request's CSP header; the layout reads x-nonce.
  const renderCsp = (req.headers['content-security-policy'] as string | undefined) ?? null;
  const renderNonce = (req.headers['x-nonce'] as string | undefined) ?? null;
  return {
    res: { headers: { get: (name: string) => set.get(name) ?? null } },
    csp,
    renderCsp,
    renderNonce,
    directives: Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v])),
  };
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

  it('runs for every path but Next’s own hashed build files, and drops nonce headers a client sent', () => {
    for (const p of ['/', '/bulletins', '/api/v1/me', '/assets/nhsuk.css', '/incidents/x', '/_next/data/x.json']) {
      expect(run(p).res.headers.get('x-content-type-options'), p).toBe('nosniff');
    }
    for (const p of ['/_next/static/chunks/a.js', '/_next/image?url=x']) expect(run(p).res.headers.get('x-content-type-options'), p).toBeNull();
    const forged = { 'content-security-policy': "script-src 'nonce-forged'", 'x-nonce': 'forged' };
    const page = run('/threads/123', forged);
    expect(page.renderNonce).not.toBe('forged');
    expect(page.renderCsp).toBe(page.csp);
    for (const p of ['/api/v1/me', '/bulletins', '/_next/static/chunks/a.js']) {
      const other = run(p, forged);
      expect(other.renderNonce, p).toBeNull();
      expect(other.renderCsp, p).toBeNull();
    }
  });
});
