/**
 * What posts may contain, and how it is rendered. The XSS corpus is in xss-corpus.test.ts.
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { config } from '../../lib/config';
import { mentionedNames } from '../../lib/forum/notify-readers';
import { markdownText, markdownToPlainText, renderMarkdown, sanitizeHtml } from '../../lib/markdown';

const REL = 'nofollow noopener noreferrer';
const { document } = new JSDOM('').window;

function parse(html: string) {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function links(source: string) {
  return Array.from(parse(renderMarkdown(source)).querySelectorAll('a')).map((a) => ({
    text: a.textContent,
    href: a.getAttribute('href'),
    rel: a.getAttribute('rel'),
    target: a.getAttribute('target'),
    class: a.getAttribute('class'),
  }));
}

describe('renderMarkdown', () => {
  it('renders headings, emphasis, lists, quotes and inline code', () => {
    const html = renderMarkdown(
      '# Title\n\n## Sub\n\n**bold** *em* ~~gone~~ `code`\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n---',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<h2>Sub</h2>');
    expect(html).toContain('<strong>bold</strong> <em>em</em> <s>gone</s> <code>code</code>');
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(html).toContain('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    expect(html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(html).toContain('<hr>');
  });

  it('renders tables, keeping column alignment as text-align only', () => {
    const html = renderMarkdown('| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |');
    expect(html).toContain('<th style="text-align:left">l</th>');
    expect(html).toContain('<th style="text-align:center">c</th>');
    expect(html).toContain('<td style="text-align:right">3</td>');
    expect(html).toContain('<td>4</td>');
  });

  it('keeps a safe language class on fenced code, lower-cased, and drops any other', () => {
    expect(renderMarkdown('```TypeScript\nconst a = 1 < 2;\n```')).toBe(
      '<pre><code class="language-typescript">const a = 1 &lt; 2;\n</code></pre>\n',
    );
    expect(renderMarkdown('```c++ extra words\nx\n```')).toContain('<code class="language-c++">');
    expect(renderMarkdown('```c#\nx\n```')).toContain('<code class="language-c#">');
    expect(renderMarkdown('```"onmouseover="alert(1)\nx\n```')).toBe('<pre><code>x\n</code></pre>\n');
    expect(renderMarkdown('```js.evil\nx\n```')).toBe('<pre><code>x\n</code></pre>\n');
    expect(renderMarkdown('    indented\n')).toBe('<pre><code>indented\n</code></pre>\n');
  });

  it('marks links to other hosts as external, opening in a new tab, and every link nofollow noopener noreferrer', () => {
    expect(links('[a](https://www.ncsc.gov.uk/x?y=1#z) [b](http://example.org)')).toEqual([
      { text: 'a', href: 'https://www.ncsc.gov.uk/x?y=1#z', rel: REL, target: '_blank', class: 'external-link' },
      { text: 'b', href: 'http://example.org', rel: REL, target: '_blank', class: 'external-link' },
    ]);
    expect(links('[r](/threads/1) [p](notes/2) [d](../up) [q](?page=2) [f](#reply-3) [m](mailto:soc@nhs.example)')).toEqual([
      { text: 'r', href: '/threads/1', rel: REL, target: null, class: null },
      { text: 'p', href: 'notes/2', rel: REL, target: null, class: null },
      { text: 'd', href: '../up', rel: REL, target: null, class: null },
      { text: 'q', href: '?page=2', rel: REL, target: null, class: null },
      { text: 'f', href: '#reply-3', rel: REL, target: null, class: null },
      { text: 'm', href: 'mailto:soc@nhs.example', rel: REL, target: null, class: null },
    ]);
  });

  it('autolinks URLs and e-mail addresses, and keeps link titles', () => {
    expect(links('See https://example.org/advisory and <https://example.org/a> or soc@nhs.example')).toEqual([
      { text: 'https://example.org/advisory', href: 'https://example.org/advisory', rel: REL, target: '_blank', class: 'external-link' },
      { text: 'https://example.org/a', href: 'https://example.org/a', rel: REL, target: '_blank', class: 'external-link' },
      { text: 'soc@nhs.example', href: 'mailto:soc@nhs.example', rel: REL, target: null, class: null },
    ]);
    expect(renderMarkdown('[x](https://example.org "The title")')).toContain('title="The title"');
  });

  it('does not make links of script, data or disguised URLs, leaving the text visible', () => {
    for (const url of [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', '&#x6A;avascript:alert(1)', 'vbscript:msgbox(1)',
      'data:text/html,x', 'data:image/png;base64,iVBORw0KGgo=', 'file:///etc/passwd', 'ms-msdt:/id',
      '//evil.example', 'http:evil.example', 'https:evil.example', 'https://nhs.uk@evil.example/',
    ]) {
      const html = renderMarkdown(`[x](${url})`);
      // (linkify may still link the harmless `https://nhs.uk` part of the last one, to exactly what it shows)
      const hrefs = links(`[x](${url})`).map((link) => link.href).filter((href) => href !== 'https://nhs.uk');
      expect(hrefs, `${url} → ${html}`).toEqual([]);
      expect(html).toContain('[x](');
    }
  });

  it('renders images as plain links, never as <img> (no tracking pixels)', () => {
    expect(renderMarkdown('![Phishing email](https://evil.example/pixel.gif "seen")')).toBe(
      `<p><a href="https://evil.example/pixel.gif" title="seen" class="external-link" rel="${REL}" target="_blank">Image: Phishing email</a></p>\n`,
    );
    expect(links('![](/uploads/1.png)')).toEqual([
      { text: 'Image: /uploads/1.png', href: '/uploads/1.png', rel: REL, target: null, class: null },
    ]);
    // An image inside a link keeps the link and becomes its label: links never nest.
    expect(links('[![build](https://ci.example/badge.svg)](https://ci.example/)')).toEqual([
      { text: 'Image: build', href: 'https://ci.example/', rel: REL, target: '_blank', class: 'external-link' },
    ]);
    expect(renderMarkdown('![x](data:image/png;base64,iVBORw0KGgo=)')).not.toContain('<img');
  });

  it('never passes raw HTML through', () => {
    expect(renderMarkdown('<b onclick="x">hi</b>')).toBe('<p>&lt;b onclick="x"&gt;hi&lt;/b&gt;</p>\n');
  });

  it('gives the same output after many renders (the jsdom window is recycled)', () => {
    const source = '# t\n\n[a](https://example.org) `x` ![i](/i.png)\n\n| a |\n|--:|\n| 1 |';
    const first = renderMarkdown(source);
    for (let i = 0; i < 300; i++) expect(renderMarkdown(source)).toBe(first);
    expect(markdownToPlainText(source)).toBe('t a x Image: i a 1');
  });

  it('is idempotent, and keeps nothing but its allowlist, for arbitrary input', () => {
    const alphabet = fc.constantFrom(
      ...'<>"\'`&#;:/\\()[]!*_~|-=\n \tajvscriptdonerlhf1'.split(''),
      'javascript:', 'https://', 'data:', '<img ', 'onerror=', '```', '&#x6A;', '](', '![', '<svg>', '<math>',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')), (source) => {
        const html = renderMarkdown(source);
        expect(sanitizeHtml(html)).toBe(html);
        for (const element of parse(html).querySelectorAll('*')) {
          for (const { name } of Array.from(element.attributes)) expect(name).toMatch(/^(href|title|class|rel|target|start|style)$/);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('sanitizeHtml', () => {
  it('restricts attributes and values to what Markdown produces', () => {
    const dirty =
      '<a href="javascript:alert(1)" onclick="x" class="evil external-link" target="_top">x</a>' +
      '<a href="https://example.org" target="_self" rel="opener" class="nhsuk-button">y</a>' +
      '<a href="/\\evil.example">z</a><a href="http:evil.example">w</a>' +
      '<p style="position:fixed;inset:0" class="nhsuk-u-visually-hidden" id="main">p</p>' +
      '<table><tbody><tr><td style="text-align:center;background:url(//evil.example/t.gif)">a</td>' +
      '<th style="text-align:right">b</th></tr></tbody></table>' +
      '<code class="language-js nhsuk-u-visually-hidden">c</code><code class="language-js">d</code>' +
      '<ol start="x"><li>1</li></ol><ol start="5"><li>5</li></ol>' +
      '<img src="https://evil.example/t.gif"><svg onload=alert(1)></svg><div data-x="1" aria-label="a">e</div>';
    const clean = sanitizeHtml(dirty);
    expect(clean).toBe(
      '<a>x</a>' +
        `<a href="https://example.org" class="external-link" rel="${REL}" target="_blank">y</a>` +
        '<a>z</a><a>w</a>' +
        '<p>p</p>' +
        '<table><tbody><tr><td>a</td><th style="text-align:right">b</th></tr></tbody></table>' +
        '<code>c</code><code class="language-js">d</code>' +
        '<ol><li>1</li></ol><ol start="5"><li>5</li></ol>' +
        'e',
    );
    expect(sanitizeHtml(clean)).toBe(clean);
  });
});

describe('markdownToPlainText', () => {
  it('gives the text, with markup and raw HTML shown as text, whitespace collapsed', () => {
    expect(markdownToPlainText('# Alert\n\n*Patch* now: <script>x</script>\n\n- a\n- b')).toBe('Alert Patch now: <script>x</script> a b');
  });
});

describe('markdownText: where @mentions are read from', () => {
  const mentions = (source: string) => mentionedNames(markdownText(source).prose);

  it('finds mentions in prose, link text, lists and quotes', () => {
    expect(mentions('Thanks @alice.\n\n- ask @Bob_Smith\n\n> as @carol said\n\n[ping @dave](https://example.org)')).toEqual(['alice', 'bob_smith', 'carol', 'dave']);
  });

  it('ignores @names inside inline code and code blocks, which stay searchable', () => {
    const source = 'Run `npm i @types/node` then:\n\n```sh\nnpm i @angular/core\n```\n\n    @indented\n\nand tell @erin';
    expect(mentions(source)).toEqual(['erin']);
    const { text } = markdownText(source);
    expect(text).toContain('@types/node');
    expect(text).toContain('@angular/core');
  });

  it('does not join words across removed code into a mention', () => {
    expect(mentions('mail x`y`@frank')).toEqual(['frank']);
    expect(mentions('an address like ops@trust.nhs.uk is not a mention')).toEqual([]);
  });
});

describe('links to Watchroom itself', () => {
  const site = config().publicUrl;

  it('are stored as paths, so they are internal (no new tab, no external mark) and outlive the host name', () => {
    expect(links(`See ${site}/threads/abc?x=1#post-2 and [the rules](${site.toUpperCase()}/help/tlp).`)).toEqual([
      { text: `${site}/threads/abc?x=1#post-2`, href: '/threads/abc?x=1#post-2', rel: REL, target: null, class: null },
      { text: 'the rules', href: '/help/tlp', rel: REL, target: null, class: null },
    ]);
  });

  it('only for the exact origin, and never as a protocol-relative link', () => {
    const [lookalike] = links(`${site}0/threads/abc`);
    expect(lookalike.href).toBe(`${site}0/threads/abc`);
    expect(lookalike.class).toBe('external-link');
    expect(renderMarkdown(`[x](${site}//evil.example/)`)).not.toContain('href="//');
  });
});

