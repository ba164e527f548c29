import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * nhsuk-frontend's compiled CSS carries IE-only hacks that Next's CSS pipeline rejects, and web fonts
 * from a CDN we do not load; so we serve the package's files ourselves, fonts removed (Arial fallback).
 */
type Asset = { body: Buffer; type: string; etag: string };
const cache = new Map<string, Asset>();

/**
 * The package's dist folder. Inside Next's server bundle require.resolve() is rewritten to return a module id
 * (a number), not a path; there we use the app's node_modules (the server runs from the app's directory).
 */
function distDir() {
  const resolved: unknown = createRequire(import.meta.url).resolve('nhsuk-frontend/package.json');
  const packageDir = typeof resolved === 'string' ? path.dirname(resolved) : path.join(process.cwd(), 'node_modules', 'nhsuk-frontend');
  return path.join(packageDir, 'dist', 'nhsuk');
}

function load(name: string): Asset | null {
  const dir = distDir();
  if (name === 'nhsuk.css') {
    const css = fs
      .readFileSync(path.join(dir, 'nhsuk-frontend.min.css'), 'utf8')
      .replace(/@font-face\{[^}]*\}/g, '')
      .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
    return asset(Buffer.from(css), 'text/css; charset=utf-8');
  }
  const image = /^images\/([a-z0-9-]+\.svg)$/.exec(name);
  if (image) {
    const file = path.join(dir, 'assets', 'images', image[1]);
    return fs.existsSync(file) ? asset(fs.readFileSync(file), 'image/svg+xml') : null;
  }
  return null;
}

function asset(body: Buffer, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

export function staticAsset(name: string): Asset | null {
  if (!cache.has(name)) {
    const a = load(name);
    if (!a) return null;
    cache.set(name, a);
  }
  return cache.get(name)!;
}
