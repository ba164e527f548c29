import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { config } from './config';

/**
 * Posts are rendered and sanitised once, at write time, and the HTML is stored (then shown with
 * dangerouslySetInnerHTML). Two independent layers, each meant to be enough on its own:
 *
 * 1. markdown-it with raw HTML off: every `<` in the source comes out as `&lt;`, and a link, autolink,
 *    linkified URL or reference definition is only made when its URL passes `linkPolicy` below.
 * 2. DOMPurify (server side, on a jsdom window) with a tag allowlist, a per-tag attribute allowlist and
 *    hooks that re-check every href with the same `linkPolicy`, and set rel/class/target from it.
 *
 * The sanitiser is idempotent: sanitizeHtml(renderMarkdown(x)) === renderMarkdown(x), because every
 * attribute it adds is a pure function of the href it kept.
 *
 * Images are deliberately NOT rendered. On a forum for security staff, an <img> pointing at someone's
 * server is a tracking pixel: it would tell the poster the IP address, browser and reading time of every
 * member who opens the thread — including members of invite-only incident rooms. `![alt](url)` becomes a
 * plain link labelled "Image: alt" that the reader may choose to follow (in a new tab, without referrer).
 */

const REL = 'nofollow noopener noreferrer';
const EXTERNAL_CLASS = 'external-link';
const LANGUAGE = /^[a-z0-9+#-]{1,32}$/;
const TEXT_ALIGN = /^text-align:(?:left|right|center)$/;

type LinkKind = 'external' | 'internal';

/**
 * Which URLs may appear in an href, and whether they leave Watchroom. Allowed: absolute http(s) URLs with a
 * host and no user:password@ part (`https://nhs.uk@evil.example` is a phishing trick), mailto:, fragments,
 * queries, root-relative paths (not `//host`, which is another host in disguise) and relative paths with no
 * scheme. Anything holding whitespace, control or invisible characters or a backslash is refused, because
 * browsers strip or reinterpret those (`java\tscript:`, `/\evil.example`). markdown-it percent-encodes
 * such characters in the URLs it emits, so for rendered Markdown this refuses nothing legitimate.
 *
 * Every absolute http(s) URL in stored HTML counts as external. A pasted link to Watchroom itself (on its
 * PUBLIC_URL) is stored as a root-relative path instead (see `md.normalizeLink` below), so it is internal
 * and keeps working if the host name changes.
 */
function linkPolicy(href: string): LinkKind | null {
  if (href === '' || href.length > 2048) return null;
  if (/[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\uffff\\]/.test(href)) {
    return null;
  }
  if (href.startsWith('#') || href.startsWith('?')) return 'internal';
  if (href.startsWith('/')) return href.startsWith('//') ? null : 'internal';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // A relative path: refuse any colon in its first segment, which a browser might read as a scheme.
    return href.split(/[/?#]/, 1)[0].includes(':') ? null : 'internal';
  }
  if (scheme === 'mailto') return href.length > 'mailto:'.length ? 'internal' : null;
  if (scheme !== 'http' && scheme !== 'https') return null;
  // `http:evil.example` and `https:/evil.example` are valid URLs to a browser, but not ones a person means.
  if (!/^https?:\/\/[^/?#@]/i.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return 'external';
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// A link to Watchroom itself (`https://<PUBLIC_URL's host>/threads/…`) becomes the path alone. linkPolicy still
// judges the result (markdown-it validates after normalising), so `https://<host>//evil.example` is refused.
const defaultNormalizeLink = md.normalizeLink.bind(md);
md.normalizeLink = (url: string) => {
  const href = defaultNormalizeLink(url);
  const origin = siteOrigin();
  if (href.length > origin.length && href.slice(0, origin.length).toLowerCase() === origin && '/?#'.includes(href[origin.length])) {
    const rest = href.slice(origin.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return href.toLowerCase() === origin ? '/' : href;
};

let origin: string | undefined;
function siteOrigin(): string {
  origin ??= new URL(config().publicUrl).origin.toLowerCase();
  return origin;
}

// First layer: no link, autolink, linkified URL or reference definition is made for a URL the policy refuses;
// the source text is shown instead (markdown-it's own check only refuses javascript:, vbscript:, file: and data:).
md.validateLink = (url: string) => linkPolicy(url) !== null;

// Fenced code keeps a `language-xxx` class only for a plain language name; anything else gets no class.
const defaultFence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const language = md.utils.unescapeAll(token.info).trim().split(/\s+/, 1)[0].toLowerCase();
  token.info = LANGUAGE.test(language) ? language : '';
  return defaultFence(tokens, idx, options, env, self);
};

// Images become links (see the note at the top). Inside a link (`[![badge](src)](href)`) only the label
// is kept, so that links never nest.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const alt = self.renderInlineAsText(token.children ?? [], options, env).trim();
  const src = String(token.attrGet('src') ?? '');
  const label = md.utils.escapeHtml(`Image: ${alt || src}`);
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    if (tokens[i].type === 'link_open') depth++;
    else if (tokens[i].type === 'link_close') depth--;
  }
  if (depth > 0) return label;
  const title = String(token.attrGet('title') ?? '');
  const titleAttr = title ? ` title="${md.utils.escapeHtml(title)}"` : '';
  return `<a href="${md.utils.escapeHtml(src)}"${titleAttr}>${label}</a>`;
};

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/** The only attributes kept, per tag, and the values each may have. rel, class and target on links are set by us. */
const ATTRIBUTES: Record<string, Record<string, (value: string) => boolean>> = {
  a: { href: (v) => linkPolicy(v) !== null, title: () => true },
  code: { class: (v) => v.startsWith('language-') && LANGUAGE.test(v.slice('language-'.length)) },
  ol: { start: (v) => /^\d{1,9}$/.test(v) },
  th: { style: (v) => TEXT_ALIGN.test(v) },
  td: { style: (v) => TEXT_ALIGN.test(v) },
};

const PURIFY_CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', 'start', 'style'],
  // Belt and braces: DOMPurify's own URL check, no looser than linkPolicy.
  ALLOWED_URI_REGEXP: /^(?:https?:\/\/|mailto:|#|\?|\/(?![/\\])|[^:/?#\\]+(?:[/?#]|$))/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
};

type Purifier = ReturnType<typeof createDOMPurify>;
type Sanitiser = { purify: Purifier; window: JSDOM['window']; uses: number };

/**
 * jsdom 28 gives every Document it creates (DOMPurify parses each input into a new one) a selector engine
 * that adds event listeners to the shared window and never removes them. On one long-lived window each
 * sanitise call gets slower and memory grows without bound (see isomorphic-dompurify#368), which would let
 * anyone who can post slow the server down. So the window, and the DOMPurify bound to it, is replaced
 * after a fixed number of uses.
 */
const USES_PER_WINDOW = 50;
let current: Sanitiser | undefined;

function sanitiser(): Sanitiser {
  if (current && current.uses >= USES_PER_WINDOW) {
    current.window.close();
    current = undefined;
  }
  current ??= createSanitiser();
  current.uses++;
  return current;
}

function createSanitiser(): Sanitiser {
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  // DOMPurify returns its input unchanged when it cannot run: fail closed instead of storing raw HTML.
  if (!purify.isSupported) throw new Error('DOMPurify is not supported on this jsdom window; refusing to sanitise');
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const check = ATTRIBUTES[node.nodeName.toLowerCase()]?.[data.attrName];
    if (!check || !check(data.attrValue)) data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    const kind = href === null ? null : linkPolicy(href);
    if (kind === null) {
      node.removeAttribute('href');
      return;
    }
    if (kind === 'external') node.setAttribute('class', EXTERNAL_CLASS);
    node.setAttribute('rel', REL);
    if (kind === 'external') node.setAttribute('target', '_blank');
  });
  return { purify, window, uses: 0 };
}

export function sanitizeHtml(html: string): string {
  return sanitiser().purify.sanitize(html, PURIFY_CONFIG) as string;
}

export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source));
}

/**
 * Plain text of a Markdown body, read from markdown-it's tokens: no HTML, no DOM, so it costs a fraction of a
 * render. `text` is everything a reader reads (for search and previews): link targets left out, images read as
 * they render ("Image: alt"). `prose` is the same without code, which is where @mentions are looked for: an
 * `@scope/package` in a code block mentions nobody.
 */
export function markdownText(source: string): { text: string; prose: string } {
  const text: string[] = [];
  const prose: string[] = [];
  const both = (s: string) => {
    text.push(s);
    prose.push(s);
  };
  for (const token of md.parse(source, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'text_special') both(child.content);
        else if (child.type === 'code_inline') {
          text.push(child.content);
          prose.push(' ');
        }
        else if (child.type === 'image') both(`Image: ${child.content}`);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') both(' ');
      }
    } else if (token.type === 'fence' || token.type === 'code_block') {
      text.push(token.content);
      prose.push(' ');
    }
    if (token.block) both(' ');
  }
  const flat = (parts: string[]) => parts.join('').replace(/\s+/g, ' ').trim();
  return { text: flat(text), prose: flat(prose) };
}

/** The searchable plain text of a Markdown body (see `markdownText`); never HTML. */
export function markdownToPlainText(source: string): string {
  return markdownText(source).text;
}
