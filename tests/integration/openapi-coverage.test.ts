import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi';

/**
 * Every route handler under app/api/v1 is described in lib/openapi.ts, method by method, so a new route
 * cannot be forgotten. A failure lists each missing `METHOD /path`.
 */
const apiRoot = path.resolve(__dirname, '../../app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** The description itself is not described in itself. */
const UNDESCRIBED = new Set(['/openapi.json']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/** `app/api/v1/incidents/[id]/sms/route.ts` → `/incidents/{id}/sms` (route groups `(x)` vanish). */
function openApiPathOf(file: string): string {
  const segments = path.relative(apiRoot, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`.replace(/\/$/, '') || '/';
}

function exportedMethods(source: string): string[] {
  return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b`).test(source));
}

function handlers() {
  return routeFiles(apiRoot).flatMap((file) => {
    const route = openApiPathOf(file);
    if (UNDESCRIBED.has(route)) return [];
    return exportedMethods(readFileSync(file, 'utf8')).map((method) => ({ method, route, file: path.relative(process.cwd(), file) }));
  });
}

describe('OpenAPI coverage of app/api/v1', () => {
  it('finds the route files and their methods', () => {
    const found = handlers();
    expect(found.length).toBeGreaterThan(30);
    expect(found).toContainEqual(expect.objectContaining({ method: 'PUT', route: '/me/mobile' }));
    expect(found).toContainEqual(expect.objectContaining({ method: 'DELETE', route: '/contacts/{id}' }));
    expect(openApiPathOf(path.join(apiRoot, 'incidents/[id]/members/[userId]/route.ts'))).toBe('/incidents/{id}/members/{userId}');
  });

  it('describes every route and method', () => {
    const paths = openApiDocument('http://localhost').paths as Record<string, Record<string, unknown>>;
    const missing = handlers()
      .filter(({ method, route }) => !paths[route]?.[method.toLowerCase()])
      .map(({ method, route, file }) => `${method} ${route} (${file})`);
    expect(missing, `missing from lib/openapi.ts:\n${missing.join('\n')}`).toEqual([]);
  });

  it('describes no route that does not exist', () => {
    const paths = openApiDocument('http://localhost').paths as Record<string, Record<string, unknown>>;
    const real = new Set(handlers().map(({ method, route }) => `${method.toLowerCase()} ${route}`));
    const stale = Object.entries(paths).flatMap(([route, ops]) =>
      Object.keys(ops)
        .filter((k) => METHODS.includes(k.toUpperCase() as (typeof METHODS)[number]))
        .filter((k) => !real.has(`${k} ${route}`))
        .map((k) => `${k.toUpperCase()} ${route}`),
    );
    expect(stale, `described in lib/openapi.ts but no route handler:\n${stale.join('\n')}`).toEqual([]);
  });
});
