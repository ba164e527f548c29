/**
 * The XSS corpus against every place user text leaves the server as HTML or XML outside the Markdown
 * renderer (tests/unit/xss-corpus.test.ts covers that): search snippets, the public bulletin pages and list,
 * the Atom feed, and the room export, with payloads as people's names, titles, headlines and post text.
 * Each output is parsed (jsdom), never string-searched: nothing executable may appear, and the payload must
 * come out as text.
 */
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulletinAtomFeed } from '@/lib/alerts/bulletin-feed';
import { renderBulletinList, renderBulletinPage } from '@/lib/bulletins/render';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { exportRoom } from '@/lib/incidents/export-room';
import { search } from '@/lib/search';
import { loadPayloads } from '../fixtures/xss/corpus';
import { actorFor, makeChannel, makeUser, rawSql, type TestUser, useTestDatabase } from './harness';

useTestDatabase();

const payloads = loadPayloads();
/** Payloads whose text a parser would legitimately normalise (control characters, CR) are checked for safety only. */
const plain = (p: string) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(p);

const { window } = new JSDOM('');
const parser = new window.DOMParser();
/** Parses as a browser would, in one shared window (a new JSDOM per payload would be slow). */
const parse = (html: string) => parser.parseFromString(html, 'text/html');
const SCRIPT_LIKE = new Set(['script', 'iframe', 'object', 'embed', 'style', 'form', 'svg', 'math', 'base', 'meta', 'link', 'frame', 'template']);
/** The rules of safe-html.ts's unsafePartsOf, on an already parsed tree. */
function unsafeIn(root: Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (SCRIPT_LIKE.has(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(attr.value.replace(/[\s\u0000-\u001f]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !['http', 'https', 'mailto'].includes(scheme)) found.push(`${tag}[${name}=${attr.value}]`);
      }
    }
  }
  return found;
}

describe('search snippets (HTML built from post text with <mark> highlights)', () => {
  let reader: TestUser;
  let author: TestUser;
  let threadId: string;
  beforeAll(async () => {
    author = await makeUser({ name: payloads[0] });
    reader = await makeUser();
    const channel = await makeChannel();
    const thread = await createThread(actorFor(author), channel.slug, { title: `xsstitle ${payloads[1]}`, body: 'start' });
    threadId = thread.id;
    // Eight payloads to a post, each between its own markers, so each search's snippet is around one payload.
    for (let start = 0; start < payloads.length; start += 8) {
      const body = payloads
        .slice(start, start + 8)
        .map((p, j) => `xssmark${start + j} ${p} xssmark${start + j}`)
        .join('\n\nfiller words between payloads so snippets stay apart\n\n');
      await createPost(actorFor(author), thread.id, { body });
    }
  });

  it('has only <mark> elements and no attributes, for every payload', async () => {
    const problems: string[] = [];
    for (const [i, p] of payloads.entries()) {
      let hit = (await search(actorFor(reader), { q: `xssmark${i}` })).results.find((r) => r.kind === 'post');
      if (!hit) {
        // Markdown may swallow what follows a payload in a shared post: give it a post of its own.
        await createPost(actorFor(author), threadId, { body: `xssalone${i} ${p} xssalone${i}` });
        hit = (await search(actorFor(reader), { q: `xssalone${i}` })).results.find((r) => r.kind === 'post');
      }
      if (!hit) {
        const [{ n }] = await rawSql()<{ n: number }[]>`select count(*)::int as n from posts where body_text like ${`%xssalone${i} %`}`;
        if (n > 0) problems.push(`#${i}: in the post text but not found`);
        continue;
      }
      const body = parse(`<p>${hit.snippetHtml}</p>`).body;
      for (const el of body.querySelectorAll('*')) {
        if (el.localName !== 'p' && el.localName !== 'mark') problems.push(`#${i} ${JSON.stringify(p)}: <${el.localName}>`);
        if (el.attributes.length) problems.push(`#${i} ${JSON.stringify(p)}: attributes on <${el.localName}>`);
      }
      problems.push(...unsafeIn(body).map((u) => `#${i}: ${u}`));
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('public bulletins and the Atom feed (hand-built HTML and XML)', () => {
  const view = (p: string) => ({
    reference: 'INC-2026-0001',
    severity: 'high' as const,
    status: 'open' as const,
    headline: p,
    updatedAt: new Date('2026-11-28T12:00:00Z'),
    // Bodies are stored Markdown output (tests/unit/xss-corpus.test.ts); what the page itself builds is the headlines.
    versions: [{ version: 1, headline: p, bodyHtml: '<p>Update</p>', publishedAt: new Date('2026-11-28T12:00:00Z') }],
  });

  it('bulletin pages and the list show each payload as text, with nothing executable', () => {
    const problems: string[] = [];
    for (const p of payloads) {
      const page = renderBulletinPage(view(p));
      const list = renderBulletinList([{ reference: 'INC-2026-0001', severity: 'high', status: 'open', headline: p, updatedAt: new Date() }], new Date());
      for (const [where, html] of [['page', page], ['list', list]] as const) {
        const doc = parse(html);
        problems.push(...unsafeIn(doc.body).map((u) => `${where} ${JSON.stringify(p)}: ${u}`));
        const text = (doc.body.textContent ?? '').replace(/\s+/g, ' ');
        if (plain(p) && p.trim() && !text.includes(p.trim().replace(/\s+/g, ' '))) problems.push(`${where} ${JSON.stringify(p)}: headline not shown as text`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('the Atom feed stays well-formed XML with each published headline as text', async () => {
    const lead = await makeUser({ role: 'incident_lead', name: payloads[2] });
    const sample = payloads.filter(plain).slice(0, 25);
    for (const p of sample) {
      await createRoom(actorFor(lead), {
        title: 'Restricted title',
        severity: 'moderate',
        tlp: 'AMBER',
        summary: 'Restricted summary',
        publicHeadline: p.trim() ? p.slice(0, 200) : 'blank',
      });
    }
    const xml = await bulletinAtomFeed();
    const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
    expect(doc.getElementsByTagName('parsererror').length).toBe(0);
    expect(doc.querySelectorAll('script, *[onload], *[onerror]').length).toBe(0);
  });
});

describe('room export (HTML download)', () => {
  it('shows names, titles and post text from the corpus as text, with nothing executable', async () => {
    const lead = await makeUser({ role: 'incident_lead', name: `Lead ${payloads[3]}`.slice(0, 200) });
    const member = await makeUser({ name: `Member ${payloads[4]}`.slice(0, 200) });
    const room = await createRoom(actorFor(lead), {
      title: payloads[5].slice(0, 200),
      severity: 'moderate',
      tlp: 'AMBER',
      summary: payloads.slice(0, 40).join('\n').slice(0, 5000),
      publicHeadline: payloads[6].slice(0, 200),
      invite: { users: [member.email] },
    });
    let chunk: string[] = [];
    const flush = async () => {
      if (chunk.length) await createRoomPost(actorFor(member), room.id, { body: chunk.join('\n\n'), tlp: 'AMBER' });
      chunk = [];
    };
    for (const p of payloads) {
      if (chunk.join('\n\n').length + p.length > 45_000) await flush();
      chunk.push(p);
    }
    await flush();
    const file = await exportRoom(actorFor(lead), room.id, { format: 'html' });
    expect(file.contentType).toMatch(/^text\/html/);
    const html = String(file.body);
    const doc = parse(html);
    // The head is the export's own (charset, viewport, its stylesheet); everything from people is in the body.
    expect(unsafeIn(doc.body)).toEqual([]);
    // The same check finds a planted script (the checker works on this document).
    expect(unsafeIn(parse(html.replace('</body>', '<img src=x onerror=alert(1)></body>')).body)).not.toEqual([]);
    const text = doc.body.textContent ?? '';
    for (const name of [`Lead ${payloads[3]}`, `Member ${payloads[4]}`].filter(plain)) expect(text).toContain(name.trim());
  });
});
