/**
 * Every page of the app, opened by someone allowed to see it, passes axe (WCAG 2.2 AA). The feature specs
 * check their own pages in their states; this sweep makes sure no page is left out, dynamic ones included
 * (found through the links a person would follow).
 */
import { expect, test, type Page } from '@playwright/test';
import { accounts, expectNoAxeViolations, signedInPage } from './helpers';

async function expectAccessible(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await expectNoAxeViolations(page, path);
}

/** The href of the first link on `path` whose address matches `pattern`. */
async function firstLink(page: Page, path: string, pattern: RegExp) {
  await page.goto(path);
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return href!;
}

test('signed out: sign-in, sign-up, the public bulletins and the TLP help', async ({ page }) => {
  for (const path of ['/sign-in', '/sign-up', '/bulletins', '/help/tlp']) await expectAccessible(page, path);
});

test('a member: channels, threads, search, notifications, incidents, directory and every account page', async ({ browser }) => {
  const page = await signedInPage(browser, accounts.member);
  const channel = await firstLink(page, '/', /^\/channels\/[^/]+$/);
  const thread = await firstLink(page, channel, /^\/threads\/[0-9a-f-]{36}$/);
  const paths = [
    '/',
    channel,
    thread,
    '/search?q=ransomware',
    '/notifications',
    '/incidents',
    '/incidents/archived',
    '/directory',
    '/directory/people',
    '/directory/organisations',
    '/sponsor',
    '/account/profile',
    '/account/mobile',
    '/account/sessions',
    '/account/password',
    '/account/mfa',
    '/account/api-tokens',
    '/account/data',
    '/account/close',
  ];
  for (const path of paths) await expectAccessible(page, path);
});

test('an incident lead: opening a room, and the room page', async ({ browser }) => {
  const page = await signedInPage(browser, accounts.lead);
  await expectAccessible(page, '/incidents/new');
  await page.getByLabel('Restricted title').fill('Suspicious sign-ins to the VPN concentrator');
  await page.getByLabel('Low', { exact: true }).check();
  await page.getByLabel('TLP:AMBER', { exact: true }).check();
  await page.getByLabel('Restricted summary').fill('Password spraying from a small set of addresses; no success seen yet.');
  await page.getByLabel('Public headline').fill('Password spraying against NHS remote access');
  await page.getByRole('button', { name: /open (the )?(incident )?room/i }).click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expectAccessible(page, new URL(page.url()).pathname);
});

test('an admin: every staff page', async ({ browser }) => {
  const page = await signedInPage(browser, accounts.admin);
  const paths = [
    '/admin/channels',
    await firstLink(page, '/admin/channels', /^\/admin\/channels\/[^/]+$/),
    '/admin/contacts',
    '/admin/rooms',
    '/admin/sms',
    '/admin/reports',
    '/admin/moderation',
    await firstLink(page, '/admin/moderation?q=member', /^\/admin\/moderation\/[0-9a-f-]{36}$/),
    '/admin/staff-log',
    '/admin/signups',
    '/admin/email-domains',
    '/admin/users',
    await firstLink(page, '/admin/users', /^\/admin\/users\/[0-9a-f-]{36}$/),
    '/admin/closures',
  ];
  for (const path of paths) await expectAccessible(page, path);
});
