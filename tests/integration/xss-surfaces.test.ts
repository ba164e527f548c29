/**
 * The XSS corpus against every place user text leaves the server as HTML or XML outside the Markdown
 * renderer (tests/unit/xss-corpus.test.ts covers that): search snippets, the public bulletin pages and list,
 * the Atom feed, the room export, the notification centre (page and API) and the server-rendered pages that
 * show names and titles (thread, channel list, search results, room), with payloads as people's names,
 * organisation names, thread and room titles, headlines and post text. Each output is parsed (jsdom), never
 * string-searched: nothing executable may appear, and the payload must come out as text.
 */
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as notificationsRoute } from '@/app/api/v1/notifications/route';
import { setWatch } from '@/lib/forum/watches';
import { bulletinAtomFeed } from '@/lib/alerts/bulletin-feed';
import { renderBulletinList, renderBulletinPage } from '@/lib/bulletins/render';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { exportRoom } from '@/lib/incidents/export-room';
import { search } from '@/lib/search';
import { loadPayloads } from '../fixtures/xss/corpus';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeOrg, makeUser, rawSql, type TestUser, useTestDatabase } from './harness';
import { startWebProcess, type WebProcess } from './web-process';

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

/**
 * Names and titles on the pages Next renders, through a real production web process (web-process.ts; needs
 * `next build`). Each sampled payload is a person's name, their organisation's
 * name, a thread title and a room title, each between markers (`xn12a … xn12b`): in the parsed page every
 * marker pair must sit in ONE text node (or one attribute value) with the payload between them as text — any
 * element or attribute the payload made would split it — and no page may carry a handler attribute, a
 * script without the page's nonce, a frame or a javascript: URL.
 */
describe('names and titles on server-rendered pages, and the notification centre', () => {
  /** Every 8th payload that a database can store (no NUL), cut to fit a 200-character title. */
  const sample = payloads.map((p, i) => ({ i, p: p.slice(0, 180) })).filter(({ p }, n) => n % 8 === 0 && !p.includes('\u0000'));
  const KINDS = { n: 'person name', o: 'organisation name', t: 'thread title', r: 'room title' } as const;
  type Kind = keyof typeof KINDS;
  const mark = (kind: Kind, i: number, p: string) => `x${kind}${i}a ${p} x${kind}${i}b`;
  let web: WebProcess | undefined;
  let reader: SignedIn;
  let lead: SignedIn;
  const threads: { i: number; id: string }[] = [];
  const rooms: { i: number; id: string }[] = [];

  beforeAll(async () => {
    const channel = await makeChannel();
    const readerUser = await makeUser({ name: 'Rae Reader' });
    await setWatch(actorFor(readerUser), { type: 'channel', id: channel.id }, { level: 'watching' });
    const leadUser = await makeUser({ role: 'incident_lead', name: 'Lee Lead' });
    for (const { i, p } of sample) {
      const organisation = await makeOrg({ name: mark('o', i, p) });
      const person = await makeUser({ name: mark('n', i, p), organisation });
      threads.push({ i, id: (await createThread(actorFor(person), channel.slug, { title: mark('t', i, p), body: `Body ${i}` })).id });
      const room = await createRoom(actorFor(leadUser), {
        title: mark('r', i, p),
        severity: 'moderate',
        tlp: 'AMBER',
        summary: 'Restricted summary',
        publicHeadline: `Headline ${i}`,
        invite: { users: [person.email], organisations: [organisation.odsCode] },
      });
      rooms.push({ i, id: room.id });
    }
    reader = await signedIn(readerUser);
    lead = await signedIn(leadUser);

    web = await startWebProcess();
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function page(as: SignedIn, pathname: string): Promise<{ html: string; doc: Document }> {
    const res = await web!.get(pathname, as.cookie);
    expect(res.status, pathname).toBe(200);
    expect(res.headers.get('content-type'), pathname).toMatch(/^text\/html/);
    const html = await res.text();
    const doc = parse(html);
    // The response's policy names a fresh nonce, and every script on the page carries exactly that one.
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce, pathname).toBeTruthy();
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.length, pathname).toBeGreaterThan(0);
    expect(scripts.filter((el) => el.getAttribute('nonce') !== nonce), pathname).toEqual([]);
    return { html, doc };
  }

  /** Markers found as text or attribute values, and every way the page breaks the rules. */
  function inspect(doc: Document, where: string) {
    const seen = new Set<string>();
    const problems: string[] = [];
    const byKey = new Map(sample.map((x) => [x.i, x.p]));
    const checkRun = (value: string, how: string) => {
      for (const m of value.matchAll(/x([notr])(\d+)a /g)) {
        const [, kind, n] = m;
        const p = byKey.get(Number(n));
        if (p === undefined) continue;
        const end = value.indexOf(` x${kind}${n}b`, m.index);
        if (end < 0) {
          problems.push(`${where}: ${KINDS[kind as Kind]} #${n} ${JSON.stringify(p)} is split (${how})`);
          continue;
        }
        const shown = value.slice(m.index + m[0].length, end);
        if (plain(p) && shown.trim() !== p.trim()) problems.push(`${where}: ${KINDS[kind as Kind]} #${n} ${JSON.stringify(p)} shown as ${JSON.stringify(shown)}`);
        seen.add(`${kind}${n}`);
      }
    };
    const walker = doc.createTreeWalker(doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Inside our (nonce-carrying) scripts is React's JSON-escaped copy of the page; a payload breaking out of
      // it would have made elements or a script without the nonce, which the checks below catch.
      if (node.parentElement?.localName !== 'script') checkRun(node.nodeValue ?? '', 'text');
    }
    const nonce = doc.querySelector('script[nonce]')?.getAttribute('nonce');
    for (const el of doc.querySelectorAll('*')) {
      const tag = el.localName;
      if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'portal', 'applet'].includes(tag)) problems.push(`${where}: <${tag}>`);
      if (tag === 'script' && (!nonce || el.getAttribute('nonce') !== nonce)) problems.push(`${where}: <script> without the page's nonce`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        checkRun(attr.value, `${tag}[${name}]`);
        if (name.startsWith('on')) problems.push(`${where}: ${tag}[${name}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(name)) {
          const value = attr.value.replace(/[\s\u0000-\u001f]/g, '');
          const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
          // React's own guard on a form whose action is a client function is the one javascript: URL allowed.
          const reactGuard = /^javascript:throw new Error\('A React form was unexpectedly submitted/.test(attr.value);
          if (scheme && !['http', 'https', 'mailto'].includes(scheme) && !reactGuard) problems.push(`${where}: ${tag}[${name}=${attr.value.slice(0, 80)}]`);
        }
      }
    }
    return { seen, problems };
  }

  /** A listing page and its older pages, following its own link to the next one. */
  async function inspectListing(as: SignedIn, first: string, nextLink: string) {
    const seen = new Set<string>();
    const problems: string[] = [];
    let next: string | null = first;
    for (let pages = 0; next && pages < 10; pages++) {
      const { doc } = await page(as, next);
      const found = inspect(doc, next);
      problems.push(...found.problems);
      found.seen.forEach((k) => seen.add(k));
      next = doc.querySelector(nextLink)?.getAttribute('href') ?? null;
    }
    return { seen, problems };
  }

  const expectShown = (seen: Set<string>, keys: string[], where: string) =>
    keys.filter((k) => !seen.has(k)).map((k) => `${where}: ${KINDS[k[0] as Kind]} #${k.slice(1)} not shown as text`);

  it('the notification centre page and API show payload names and titles as text only', async () => {
    const { seen, problems } = await inspectListing(reader, '/notifications', 'a[href^="/notifications?before="]');
    problems.push(...expectShown(seen, sample.flatMap(({ i }) => [`n${i}`, `t${i}`]), 'notifications page'));

    const res = await notificationsRoute(apiRequest(reader, 'GET', '/api/v1/notifications?limit=100'), { params: Promise.resolve({}) });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { notifications } = (await res.json()) as { notifications: { threadTitle: string; actorName: string }[] };
    expect(notifications).toHaveLength(sample.length);
    const byTitle = new Map(notifications.map((n) => [n.threadTitle, n.actorName]));
    // The API hands out the text itself, never HTML (escaped or otherwise): the client renders it as text.
    for (const { i, p } of sample) expect(byTitle.get(mark('t', i, p)), `#${i}`).toBe(mark('n', i, p));
    expect(problems).toEqual([]);
  }, 120_000);

  it('thread pages, the channel list and search results show payload names and titles as text only', async () => {
    const problems: string[] = [];
    for (const { i, id } of threads) {
      const where = `/threads/${id} (#${i})`;
      const found = inspect((await page(reader, `/threads/${id}`)).doc, where);
      problems.push(...found.problems, ...expectShown(found.seen, [`t${i}`, `n${i}`], where));
      const q = `xt${i}a`;
      const results = inspect((await page(reader, `/search?q=${q}`)).doc, `/search?q=${q}`);
      problems.push(...results.problems, ...expectShown(results.seen, [`t${i}`], `/search?q=${q}`));
    }
    const slug = (await rawSql()<{ slug: string }[]>`select c.slug from channels c join threads t on t.channel_id = c.id where t.id = ${threads[0].id}`)[0].slug;
    const list = await inspectListing(reader, `/channels/${slug}`, `a[href^="/channels/${slug}?cursor="]`);
    problems.push(...list.problems, ...expectShown(list.seen, threads.map(({ i }) => `t${i}`), `/channels/${slug}`));
    expect(problems).toEqual([]);
  }, 240_000);

  it('room pages and the room list show payload room titles, names and organisation names as text only', async () => {
    const problems: string[] = [];
    for (const { i, id } of rooms) {
      const where = `/incidents/${id} (#${i})`;
      const found = inspect((await page(lead, `/incidents/${id}`)).doc, where);
      problems.push(...found.problems, ...expectShown(found.seen, [`r${i}`, `n${i}`, `o${i}`], where));
    }
    const list = inspect((await page(lead, '/incidents')).doc, '/incidents');
    problems.push(...list.problems);
    expect(problems).toEqual([]);
  }, 240_000);

  it('the checks see live markup when a payload does make it (the inspector works on these pages)', async () => {
    const { i } = sample[0];
    const { html } = await page(reader, `/threads/${threads[0].id}`);
    const planted = html.replaceAll(`xt${i}a `, `xt${i}a <img src=x onerror=alert(1)>`);
    expect(planted).not.toBe(html);
    const found = inspect(parse(planted), 'planted').problems.join('\n');
    expect(found).toContain('is split');
    expect(found).toContain('img[onerror]');
  });
});
