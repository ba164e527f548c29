import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';

/**
 * Posts are rendered and sanitised once, at write time, and the HTML is stored. markdown-it runs with
 * raw HTML off; DOMPurify then removes anything executable that Markdown itself could produce.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
  const token = tokens[i];
  token.attrSet('rel', 'nofollow noopener noreferrer');
  const href = String(token.attrGet('href') ?? '');
  if (/^https?:\/\//i.test(href)) {
    token.attrSet('target', '_blank');
    token.attrJoin('class', 'external-link');
  }
  return defaultLinkOpen(tokens, i, options, env, self);
};

type Purifier = ReturnType<typeof createDOMPurify>;
const holder = globalThis as { __watchroomPurify?: Purifier };

function purifier(): Purifier {
  if (!holder.__watchroomPurify) {
    const { window } = new JSDOM('');
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('target') === '_blank') {
        node.setAttribute('rel', 'nofollow noopener noreferrer');
      }
    });
    holder.__watchroomPurify = purify;
  }
  return holder.__watchroomPurify;
}

const allowed = {
  ALLOWED_TAGS: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  ALLOWED_ATTR: ['href', 'title', 'alt', 'src', 'class', 'rel', 'target', 'start', 'style'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/(?!\/)|#)/i,
  ADD_ATTR: ['target'],
};

export function sanitizeHtml(html: string): string {
  return purifier().sanitize(html, allowed) as string;
}

export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source));
}

/** Plain text of a Markdown body (for previews and search snippets); never HTML. */
export function markdownToPlainText(source: string): string {
  const html = renderMarkdown(source);
  const { window } = new JSDOM('');
  const div = window.document.createElement('div');
  div.innerHTML = html;
  return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
}
