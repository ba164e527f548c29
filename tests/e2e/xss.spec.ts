/**
 * The stored HTML of every XSS payload, in every Markdown context, loaded into Chromium: nothing may run,
 * load, navigate or open. Needs no server: each page is built with page.setContent on about:blank.
 * A last pass loads real pages from the server (notifications, channel list, thread, search results, room)
 * with a sample of payloads as thread and room titles: the dialogs, print and window.open are hooked, and any
 * handler attribute in the live DOM or script the page's CSP refused (a console error) is a finding.
 *
 * Detection: an init script replaces alert, confirm, prompt, print, open, fetch, XMLHttpRequest.open,
 * navigator.sendBeacon, console.log and document.open/write/writeln, and traps document.title= and window.name= (top.name=), recording
 * each call in window.__xss. Playwright itself records dialogs, popups, network requests (all aborted),
 * navigations, new frames, page errors and console output. Every element gets the events that inline handlers
 * listen for (except clicks on links, which would navigate: their hrefs are checked instead). The first test
 * feeds the harness unsanitised HTML and checks that it sees it.
 */
import { expect, test, type Page } from '@playwright/test';
import { renderMarkdown } from '../../lib/markdown';
import { E2E_PORT } from '../../playwright.config';
import { CONTEXTS, isAllowedHref, loadPayloads } from '../fixtures/xss/corpus';
import { accounts, signedInPage } from './helpers';

const payloads = loadPayloads();

type Findings = { hooked: string[]; browser: string[]; hrefs: string[] };

/**
 * `app`: a real page of ours, whose own scripts fetch, use XHR (socket.io) and set the title: only the
 * dialogs, print and window.open are hooked there.
 */
function installHooks(mode: 'all' | 'app' = 'all') {
  const calls: string[] = [];
  Object.defineProperty(window, '__xss', { value: calls });
  const record = (what: string, args: ArrayLike<unknown>) => {
    let detail = '';
    try {
      detail = Array.from(args, (a) => String(a)).join(', ').slice(0, 120);
    } catch {
      detail = '?';
    }
    calls.push(`${what}(${detail})`);
  };
  const w = window as unknown as Record<string, unknown>;
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    w[name] = function () {
      record(name, arguments);
      return null;
    };
  }
  if (mode === 'app') return;
  window.fetch = function () {
    record('fetch', arguments);
    return Promise.reject(new TypeError('blocked by the XSS probe'));
  };
  XMLHttpRequest.prototype.open = function () {
    record('XMLHttpRequest.open', arguments);
  };
  navigator.sendBeacon = function () {
    record('navigator.sendBeacon', arguments);
    return false;
  };
  console.log = function () {
    record('console.log', arguments);
  };
  // Inline handlers resolve bare names on the document first: `open()` there is document.open().
  for (const name of ['open', 'write', 'writeln'] as const) {
    (document as unknown as Record<string, unknown>)[name] = function () {
      record(`document.${name}`, arguments);
    };
  }
  Object.defineProperty(document, 'title', {
    configurable: true,
    get: () => '',
    set: (value) => record('document.title=', [value]),
  });
  Object.defineProperty(window, 'name', {
    configurable: true,
    get: () => '',
    set: (value) => record('window.name=', [value]),
  });
  // location= cannot be hooked (it is unforgeable): Playwright sees the navigation instead.
}

/** Fires, on every element, the events inline handlers in the corpus listen for (clicks only on a built page: on ours they would act). */
function fireEvents(clicks = true) {
  const types = [
    'mouseover', 'mouseenter', 'mousemove', 'mouseout', 'mousedown', 'mouseup', 'pointerover', 'pointerenter',
    'focus', 'focusin', 'blur', 'copy', 'toggle', 'animationstart', 'animationend', 'transitionend', 'load', 'error',
  ];
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    for (const type of types) element.dispatchEvent(new Event(type, { bubbles: true }));
    // A click inside a link would follow it (a popup for target=_blank): link targets are checked instead.
    if (clicks && !element.closest('a')) element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    if (element instanceof HTMLElement) element.focus();
  }
}

/** Hooks the page and records what the browser does; requests to `ownOrigin` (our server) are let through. */
async function instrument(page: Page, mode: 'all' | 'app', ownOrigin?: string): Promise<string[]> {
  const browser: string[] = [];
  const own = (url: string) => ownOrigin !== undefined && new URL(url).origin === ownOrigin;
  await page.addInitScript(installHooks, mode);
  await page.route('**/*', (route) => {
    if (own(route.request().url())) return route.continue();
    browser.push(`network request ${route.request().url()}`);
    return route.abort();
  });
  page.on('request', (request) => {
    if (!own(request.url())) browser.push(`request ${request.url()}`);
  });
  page.on('dialog', (dialog) => {
    browser.push(`dialog ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => browser.push(`popup ${popup.url()}`));
  page.on('pageerror', (error) => browser.push(`page error ${error.message}`));
  page.on('console', (message) => {
    if (['log', 'info', 'warning', 'error'].includes(message.type())) browser.push(`console.${message.type()} ${message.text()}`);
  });
  page.on('frameattached', (frame) => browser.push(`frame attached ${frame.url()}`));
  return browser;
}

async function probe(page: Page, body: string): Promise<Findings> {
  const browser = await instrument(page, 'all');
  await page.goto('about:blank');
  expect(await page.evaluate(() => Array.isArray((window as unknown as { __xss?: unknown }).__xss))).toBe(true);
  page.on('framenavigated', (frame) => browser.push(`navigated ${frame === page.mainFrame() ? 'page' : 'frame'} to ${frame.url()}`));
  await page.setContent(`<!doctype html><html><head></head><body>${body}</body></html>`, { waitUntil: 'load' });
  // setContent itself navigates nothing; anything the content navigates is a finding.
  browser.splice(0, browser.length, ...browser.filter((line) => line !== 'navigated page to about:blank'));
  await page.evaluate(fireEvents, true);
  await page.waitForTimeout(500);

  const hooked = await page.evaluate(() => [...(window as unknown as { __xss: string[] }).__xss]);
  const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
  return { hooked, browser, hrefs };
}

function badHrefs(hrefs: string[]) {
  return hrefs.filter((href) => {
    if (!isAllowedHref(href)) return true;
    const resolved = new URL(href, 'https://watchroom.example/threads/1');
    return !['http:', 'https:', 'mailto:'].includes(resolved.protocol);
  });
}

test.describe('XSS corpus in Chromium', () => {
  test('the probe catches unsanitised HTML', async ({ page }) => {
    const raw = [
      '<img src=x onerror=alert(1)>',
      '<img src=x onerror="document.title=\'xss\'">',
      '<img src=x onerror="top.name=\'xss\'">',
      '<svg onload=confirm(1)>',
      '<details open ontoggle=print()>x</details>',
      '<img src=x onerror="fetch(\'/x\')">',
      '<img src=x onerror="new XMLHttpRequest().open(\'GET\',\'/x\')">',
      '<img src=x onerror="console.log(1)">',
      '<img src=x onerror="window.open(\'//evil.example\')">',
      '<img src=x onerror="document.write(\'<b>x</b>\')">',
      '<div onmouseover="prompt(1)">hover</div>',
      '<img src="https://evil.example/pixel.gif">',
      '<a href="javascript:alert(1)">x</a>',
    ].map((html) => `<div>${html}</div>`);
    const findings = await probe(page, raw.join('\n'));
    const hooked = findings.hooked.join('\n');
    for (const call of ['alert(', 'document.title=(xss)', 'window.name=(xss)', 'confirm(', 'print(', 'fetch(', 'XMLHttpRequest.open(', 'console.log(', 'open(//evil.example)', 'document.write(<b>x</b>)', 'prompt(']) {
      expect(hooked).toContain(call);
    }
    expect(findings.browser.join('\n')).toContain('https://evil.example/pixel.gif');
    expect(badHrefs(findings.hrefs)).toEqual(['javascript:alert(1)']);
  });

  for (const [context, place] of Object.entries(CONTEXTS)) {
    test(`every payload as ${context} stays inert`, async ({ page }) => {
      test.setTimeout(180_000);
      const body = payloads.map((payload, i) => `<div data-payload="${i}">${renderMarkdown(place(payload))}</div>`).join('\n');
      const findings = await probe(page, body);
      expect(findings.hooked, 'hooked calls').toEqual([]);
      expect(findings.browser, 'dialogs, requests, navigations, popups, errors').toEqual([]);
      expect(badHrefs(findings.hrefs), 'link targets outside http(s)/mailto/relative/#').toEqual([]);
      expect(await page.locator('div[data-payload]').count(), 'every rendered payload is on the page').toBe(payloads.length);
    });
  }
});

test.describe('payloads as titles on the real pages, in Chromium', () => {
  const origin = `http://localhost:${E2E_PORT}`;
  /** Payloads that try a dialog, print or window.open, printable, cut to fit a title with its marker. */
  const sample = payloads
    .filter((p) => /alert|confirm|prompt|print|open\(/.test(p) && !/[\u0000-\u001f\u007f]/.test(p))
    .filter((_, n) => n % 12 === 0)
    .map((p) => p.slice(0, 170));

  /** A cookie-authenticated API write, with the page's CSRF token as the app's own scripts send it. */
  async function apiWrite(page: Page, method: 'POST' | 'PUT', path: string, data: unknown) {
    if (!(await page.locator('meta[name="csrf-token"]').count())) await page.goto('/');
    const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const res = await page.request.fetch(path, { method, data, headers: { 'x-csrf-token': csrf, origin } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as { id: string };
  }

  /** Handler attributes in the live DOM (after hydration): none of ours has one, so any is a payload's, run or not. */
  const handlerAttributes = (page: Page) =>
    page.$$eval('*', (els) => els.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`)));

  /** Opens each page hooked, fires the events inline handlers wait for (no clicks), and lists what ran or was planted. */
  async function visit(page: Page, paths: string[]) {
    const browser = await instrument(page, 'app', origin);
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.evaluate(fireEvents, false);
      await page.waitForTimeout(300);
      const hooked = await page.evaluate(() => [...(window as unknown as { __xss: string[] }).__xss]);
      problems.push(...hooked.map((h) => `${path}: ${h}`), ...badHrefs(await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''))).map((h) => `${path}: href ${h}`));
      problems.push(...(await handlerAttributes(page)).map((a) => `${path}: ${a}`));
    }
    return [...problems, ...browser];
  }

  test('notifications, channel list, threads, search results and rooms run nothing from a payload', async ({ browser }) => {
    test.setTimeout(240_000);
    expect(sample.length).toBeGreaterThanOrEqual(8);
    const lead = await signedInPage(browser, accounts.lead);
    const member = await signedInPage(browser, accounts.member);
    await apiWrite(member, 'PUT', '/api/v1/channels/general/watch', { level: 'watching' });
    const stamp = `xsschromium${Date.now()}`;
    const threads: string[] = [];
    for (const p of sample) threads.push((await apiWrite(lead, 'POST', '/api/v1/channels/general/threads', { title: `${stamp} ${p}`, body: 'A thread titled with a payload.' })).id);
    const rooms: string[] = [];
    for (const p of sample.slice(0, 3)) {
      rooms.push(
        (
          await apiWrite(lead, 'POST', '/api/v1/incidents', {
            title: `${stamp} ${p}`,
            severity: 'moderate',
            tlp: 'AMBER',
            summary: 'Restricted summary',
            publicHeadline: 'A payload test room',
            invite: { users: [accounts.member] },
          })
        ).id,
      );
    }
    // The titles are on the pages (as text), so the hooks had something to catch.
    await member.goto('/notifications');
    await expect(member.getByTestId('notifications')).toContainText(stamp);

    const found = [
      ...(await visit(member, ['/notifications', '/channels/general', `/search?q=${stamp}`, ...threads.map((id) => `/threads/${id}`)])),
      ...(await visit(lead, rooms.map((id) => `/incidents/${id}`))),
    ];
    expect(found).toEqual([]);

    // Planted markup is seen on our pages: the live-DOM check finds its handler, and the page's CSP refuses to run it
    // (a console error, which the pass above would have reported).
    const refused = member.waitForEvent('console', (m) => m.type() === 'error' && /Content Security Policy/.test(m.text()));
    await member.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/x.png" onerror="alert(1)">'));
    await refused;
    expect(await handlerAttributes(member)).toEqual(['img[onerror]']);
  });
});
