/**
 * Account security as a member uses it: set up two-step verification with an authenticator app (the
 * code made here by otplib, as the app would), sign out and back in with a code, sign in on a second
 * browser with a recovery code, then see both sessions and sign the other one out. Every page is
 * checked with axe (WCAG 2.2 AA).
 */
import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../../playwright.config';
import { expectNoAxeViolations } from './helpers';

/** A seeded demo member (db/seed.ts: the second person of organisation X24) that no other spec signs in as. */
const EMAIL = 'ben.khan.x24@demo.england-nhs.uk.test';

async function enterPassword(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const signOutButton = (page: Page) => page.getByRole('button', { name: 'Sign out', exact: true });

test('two-step verification, signing in with a code or a recovery code, and signing another session out', async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await (await browser.newContext()).newPage();

  // Signed in with the password only, set up an authenticator app.
  await enterPassword(first);
  await expect(signOutButton(first)).toBeVisible();
  await first.goto('/account/mfa');
  await expect(first.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await expectNoAxeViolations(first);
  await first.getByRole('button', { name: 'Set up two-step verification' }).click();
  await expect(first.getByRole('img', { name: /QR code for adding Watchroom/ })).toBeVisible();
  await expectNoAxeViolations(first);
  await first.screenshot({ path: '/tmp/account-security-mfa-setup.png', fullPage: true });
  const secret = (await first.getByTestId('totp-secret').getAttribute('data-secret'))!;
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const enrolmentCode = await generate({ secret });
  await first.getByLabel('Enter the 6-digit code your app shows').fill(enrolmentCode);
  await first.getByRole('button', { name: 'Turn on two-step verification' }).click();
  const codes = first.getByTestId('recovery-codes');
  await expect(codes).toBeVisible();
  const recoveryCodes = (await codes.locator('code').allTextContents()).map((c) => c.trim());
  expect(recoveryCodes).toHaveLength(10);
  await expectNoAxeViolations(first);
  await first.getByTestId('mfa-continue').click();
  await expect(first.getByTestId('mfa-on')).toBeVisible();

  // Sign out, and back in: the password, then a code from the app.
  await signOutButton(first).click();
  await expect(first).toHaveURL(/\/sign-in/);
  await enterPassword(first);
  await expect(first.getByRole('heading', { level: 1, name: 'Enter your security code' })).toBeVisible();
  await expect(signOutButton(first)).toBeVisible(); // signed in, but nothing else until the code
  await expect(first.getByRole('navigation', { name: 'Main menu' })).toHaveCount(0);
  await expectNoAxeViolations(first);
  // The code that turned it on is used up; the app's next code is accepted.
  await first.getByLabel('Security code').fill(enrolmentCode);
  await first.getByRole('button', { name: 'Continue' }).click();
  const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
  await expect(first.getByRole('alert', { name: 'There is a problem' })).toContainText('Enter the code your app shows now');
  await expectNoAxeViolations(first);
  await first.getByLabel('Security code').fill(nextCode);
  await first.getByRole('button', { name: 'Continue' }).click();
  await expect(first.getByRole('navigation', { name: 'Main menu' })).toBeVisible();

  // A second browser signs in with a recovery code.
  const second = await (await browser.newContext()).newPage();
  await enterPassword(second);
  await expect(second.getByRole('heading', { level: 1, name: 'Enter your security code' })).toBeVisible();
  await second.getByLabel('Security code').fill(recoveryCodes[0]);
  await second.getByRole('button', { name: 'Continue' }).click();
  await expect(second.getByRole('navigation', { name: 'Main menu' })).toBeVisible();

  // The first browser sees both sessions and signs the second out.
  await first.goto('/account/sessions');
  await expect(first.getByRole('heading', { level: 1, name: 'Where you are signed in' })).toBeVisible();
  const rows = first.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await expect(first.getByTestId('session-table')).toContainText('This session');
  await expectNoAxeViolations(first);
  await first.screenshot({ path: '/tmp/account-security-sessions.png', fullPage: true });
  await rows.filter({ hasNot: first.getByText('This session') }).getByRole('button', { name: /^Sign out / }).click();
  await expect(first.getByRole('status').filter({ hasText: 'That session is signed out' })).toBeVisible();
  await expect(rows).toHaveCount(1);

  // The second browser is signed out on its next request.
  await second.goto('/account/sessions');
  await expect(second).toHaveURL(/\/sign-in/);
  await expect(second.getByRole('heading', { level: 1, name: 'Sign in to Watchroom' })).toBeVisible();
  expect((await second.request.get('/api/v1/me')).status()).toBe(401);

  // Change password page is reachable and accessible.
  await first.goto('/account/password');
  await expect(first.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
  await expectNoAxeViolations(first);
});
