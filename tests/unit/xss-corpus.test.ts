/**
 * Every payload of the XSS corpus, in every Markdown context, rendered by renderMarkdown: the stored HTML is
 * parsed with jsdom and inspected element by element (not string-searched), and sanitising it again must
 * change nothing. One test per context, which lists every payload that failed.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml } from '../../lib/markdown';
import { CONTEXTS, isAllowedHref, loadPayloads } from '../fixtures/xss/corpus';

const payloads = loadPayloads();
const { document } = new JSDOM('').window;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

const FORBIDDEN_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'style', 'link', 'base',
  'meta', 'form', 'input', 'button', 'textarea', 'select', 'template', 'img', 'image', 'video', 'audio', 'source',
  'picture', 'noscript', 'xmp', 'noembed', 'noframes', 'plaintext', 'title', 'portal', 'isindex',
]);
const ALLOWED_TAGS = new Set([
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'class', 'rel', 'target'],
  code: ['class'],
  ol: ['start'],
  th: ['style'],
  td: ['style'],
};
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcdoc', 'background', 'poster', 'ping', 'srcset',
  'codebase', 'dynsrc', 'lowsrc', 'manifest', 'cite', 'longdesc', 'usemap', 'icon', 'code', 'classid', 'content',
]);
const CONTROL_AND_SPACE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g;

/** Everything wrong with a piece of stored HTML, as readable strings; empty when it is safe. */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const element of template.content.querySelectorAll('*')) {
    const tag = element.localName;
    if (element.namespaceURI !== HTML_NS) problems.push(`<${tag}> in namespace ${element.namespaceURI}`);
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`forbidden element <${tag}>`);
    else if (!ALLOWED_TAGS.has(tag)) problems.push(`unexpected element <${tag}>`);
    for (const { name, value } of Array.from(element.attributes)) {
      const where = `<${tag} ${name}="${value}">`;
      if (name.toLowerCase().startsWith('on')) problems.push(`event handler ${where}`);
      const squashed = value.replace(CONTROL_AND_SPACE, '').toLowerCase();
      if (URL_ATTRIBUTES.has(name.toLowerCase()) && /^(?:javascript|vbscript|data):/.test(squashed)) {
        problems.push(`script or data URL ${where}`);
      }
      if (!(ALLOWED_ATTRIBUTES[tag] ?? []).includes(name)) problems.push(`unexpected attribute ${where}`);
      if (name === 'href' && !isAllowedHref(value)) problems.push(`href outside http(s)/mailto/relative/# ${where}`);
      if (name === 'class' && !/^(?:language-[a-z0-9+#-]+|external-link)$/.test(value)) problems.push(`class ${where}`);
      if (name === 'style' && !/^text-align:(?:left|right|center)$/.test(value)) problems.push(`style ${where}`);
      if (name === 'rel' && value !== 'nofollow noopener noreferrer') problems.push(`rel ${where}`);
      if (name === 'target' && value !== '_blank') problems.push(`target ${where}`);
    }
    if (tag === 'a' && element.hasAttribute('href') && element.getAttribute('rel') !== 'nofollow noopener noreferrer') {
      problems.push(`link without rel: ${element.outerHTML}`);
    }
  }
  const again = sanitizeHtml(html);
  if (again !== html) problems.push(`not idempotent: sanitizeHtml changed it to ${JSON.stringify(again)}`);
  return problems;
}

describe('the XSS corpus', () => {
  it('holds at least 200 distinct payloads, one per line', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(200);
    expect(new Set(payloads).size).toBe(payloads.length);
    expect(payloads.filter((p) => p.trim() === '')).toEqual([]);
  });

  it('the checker itself catches unsafe HTML', () => {
    expect(problemsIn('<p>fine <a href="/x" rel="nofollow noopener noreferrer">x</a></p>')).toEqual([]);
    const bad = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href=" java\tscript:alert(1)" rel="nofollow noopener noreferrer">x</a>',
      '<a href="data:text/html,x" rel="nofollow noopener noreferrer">x</a>',
      '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
      '<math><mtext>x</mtext></math>',
      '<form action="javascript:alert(1)"></form>',
      '<p style="position:fixed">x</p>',
      '<code class="nhsuk-u-visually-hidden">x</code>',
      '<a href="https://example.org">no rel</a>',
    ];
    for (const html of bad) expect(problemsIn(html), html).not.toEqual([]);
  });
});

describe.each(Object.entries(CONTEXTS))('every payload as %s', (context, place) => {
  it('renders to HTML with nothing executable, and sanitising it again changes nothing', { timeout: 180_000 }, () => {
    const failures: string[] = [];
    for (const payload of payloads) {
      const source = place(payload);
      const html = renderMarkdown(source);
      const problems = problemsIn(html);
      if (problems.length > 0) {
        failures.push(`${JSON.stringify(source)}\n    → ${JSON.stringify(html)}\n    ${problems.join('\n    ')}`);
      }
    }
    expect(failures, `${failures.length} of ${payloads.length} payloads failed as ${context}:\n${failures.join('\n')}`).toEqual([]);
  });
});
