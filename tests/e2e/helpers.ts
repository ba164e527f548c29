import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, FAKE_NOTIFY_PORT } from '../../playwright.config';

export const accounts = {
  admin: 'admin@demo.watchroom.test',
  moderator: 'moderator@demo.watchroom.test',
  lead: 'lead@demo.watchroom.test',
  member: 'member@demo.watchroom.test',
};

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

export type FakeSms = { id: string; templateId: string; phoneNumber: string; body: string; reference: string | null };

export async function fakeNotifyReceived(): Promise<FakeSms[]> {
  const res = await fetch(`http://127.0.0.1:${FAKE_NOTIFY_PORT}/_fake/received`);
  return (await res.json()) as FakeSms[];
}

/**
 * No WCAG 2.2 AA violations on the page as it stands, once settled: after a client navigation or a server
 * action, Next re-renders the document's <title>, and axe run in that instant reports a page without one.
 * `label` (the path, say) prefixes each violation in the failure message.
 */
export async function expectNoAxeViolations(page: Page, label = '') {
  await expect.poll(() => page.title(), { message: `${label || page.url()}: the page keeps a <title>` }).not.toBe('');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${label ? `${label}: ` : ''}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
