/**
 * The main flows by keyboard alone: no clicks, no focus() from the test — only Tab, Enter, Space and typing,
 * as someone who cannot use a mouse would. Each step tabs forward until the focused control has the name a
 * screen reader would announce, so a control that cannot be reached by Tab fails the test.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../playwright.config';
import { accounts } from './helpers';

/** Roughly the accessible name of the focused element: aria-label, aria-labelledby, its <label>, or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelledBy = el.getAttribute('aria-labelledby');
    const byIds = labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.innerText ?? '').join(' ') : '';
    const label = (el as HTMLInputElement).labels?.[0]?.innerText ?? '';
    return (el.getAttribute('aria-label') || byIds || label || el.innerText || '').replace(/\s+/g, ' ').trim();
  });
}

/** Tab forwards until the focused control's name matches, as a person would; fails if it is never reached. */
async function tabTo(page: Page, name: RegExp, most = 300) {
  const seen: string[] = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (name.test(now)) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${name}; it went through: ${seen.slice(-20).join(' | ')}`);
}

async function signInByKeyboard(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  await tabTo(page, /^Email address/);
  await page.keyboard.type(email);
  await tabTo(page, /^Password/);
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('a member signs in, opens a channel, starts a thread and replies, by keyboard alone', async ({ page }) => {
  await signInByKeyboard(page, accounts.member);
  await tabTo(page, /^General\b/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/channels\/general$/);

  const title = `Keyboard-only thread ${Date.now()}`;
  await tabTo(page, /^Title$/);
  await page.keyboard.type(title);
  await tabTo(page, /^Message \(Markdown\)/);
  await page.keyboard.type('Opened **without** a mouse.');
  await tabTo(page, /^Post thread$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/threads\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await tabTo(page, /^Your reply \(Markdown\)/);
  await page.keyboard.type('And replied without one.');
  await tabTo(page, /^Post reply$/);
  await page.keyboard.press('Enter');
  const posts = page.getByTestId('posts').locator('article');
  await expect(posts).toHaveCount(2);
  await expect(posts.nth(1)).toContainText('And replied without one.');

  // The notification centre, from the header.
  await page.goto('/');
  await tabTo(page, /^Notifications/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
});

test('an incident lead opens a room and posts in it, by keyboard alone', async ({ page }) => {
  await signInByKeyboard(page, accounts.lead);
  await tabTo(page, /^Incident rooms$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/incidents$/);
  await tabTo(page, /^Open an incident room|^New incident room/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/incidents\/new$/);

  const title = `Keyboard-only room ${Date.now()}`;
  await tabTo(page, /^Restricted title/);
  await page.keyboard.type(title);
  // Radios: Tab enters the group, Space chooses (low severity: nobody is texted).
  await tabTo(page, /^Low$/);
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Low', { exact: true })).toBeChecked();
  await tabTo(page, /^TLP:AMBER$/);
  await page.keyboard.press('Space');
  await expect(page.getByLabel('TLP:AMBER', { exact: true })).toBeChecked();
  await tabTo(page, /^Restricted summary/);
  await page.keyboard.type('Suspicious sign-ins to the rota system from one address.');
  await tabTo(page, /^Public headline/);
  await page.keyboard.type('Cyber incident affecting a rota system');
  await tabTo(page, /^Open incident room$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

  await tabTo(page, /^Your message \(Markdown\)/);
  await page.keyboard.type('Blocked the address at the firewall.');
  await tabTo(page, /^Post message$/);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Blocked the address at the firewall.')).toBeVisible();
});
