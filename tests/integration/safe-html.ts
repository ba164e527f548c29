import { JSDOM } from 'jsdom';

/**
 * Parses stored post HTML as a browser would and lists everything executable in it: script-like
 * elements, on* handlers, and href/src/action URLs with a scheme other than http(s) or mailto.
 */
export function unsafePartsOf(html: string): string[] {
  const { document } = new JSDOM(`<body>${html}</body>`).window;
  const found: string[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'style', 'form', 'svg', 'math', 'base', 'meta', 'link'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '');
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
        if (scheme && !['http', 'https', 'mailto'].includes(scheme)) found.push(`${tag}[${name}=${attr.value}]`);
      }
    }
  }
  return found;
}
