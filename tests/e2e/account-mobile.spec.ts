import { expect, test, type Page } from '@playwright/test';
import { accounts, fakeNotifyReceived, signIn, expectNoAxeViolations } from './helpers';

/**
 * /account/mobile: a member changes their mobile, gets the code at the (fake) Notify, types it, and the
 * number is verified; then they put their old number back the same way. Keyboard only, axe on each state.
 */
const e164 = (national: string) => `+44${national.replace(/\s/g, '').slice(1)}`;

async function verifyNumber(page: Page, national: string) {
  await page.getByLabel('UK mobile number').fill(national);
  await page.getByLabel('UK mobile number').press('Enter');
  await expect(page.getByText('We have texted you a code.')).toBeVisible();
  let code: string | undefined;
  await expect(async () => {
    const texts = (await fakeNotifyReceived()).filter((t) => (t as { normalisedPhoneNumber?: string }).normalisedPhoneNumber === e164(national) && /Your Watchroom code is/.test(t.body));
    code = /code is (\d{6})/.exec(texts[texts.length - 1]?.body ?? '')?.[1];
    expect(code).toBeTruthy();
  }).toPass();
  await expect(page.getByLabel('Code from the text')).toBeVisible();
  await page.getByLabel('Code from the text').fill(code!);
  await page.getByLabel('Code from the text').press('Enter');
  await expect(page.getByText('Your mobile number is verified.')).toBeVisible();
  await expect(page.getByTestId('mobile-status')).toHaveText(`${national} (verified)`);
  await expect(page.getByText('We have texted you a code.')).toHaveCount(0);
}

test('a member changes and verifies their mobile with a texted code', async ({ page }) => {
  await signIn(page, accounts.member);
  await page.goto('/account/mobile');
  await expect(page.getByRole('heading', { level: 1, name: 'Your mobile number' })).toBeVisible();
  const original = (await page.getByTestId('mobile-status').innerText()).replace(' (verified)', '');
  await expectNoAxeViolations(page);

  await page.getByLabel('UK mobile number').fill('020 7946 0000');
  await page.getByLabel('UK mobile number').press('Enter');
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('Enter a UK mobile number, like 07700 900123');
  await expectNoAxeViolations(page);

  const fresh = original.endsWith('998') ? '07700 900997' : '07700 900998';
  await page.getByLabel('UK mobile number').fill(fresh);
  await page.getByLabel('UK mobile number').press('Enter');
  await expect(page.getByTestId('mobile-status')).toHaveText(`${fresh} (not verified, not texted)`);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/account-mobile-code.png', fullPage: true });

  const codeInput = page.getByLabel('Code from the text');
  await codeInput.fill('000000');
  await codeInput.press('Enter');
  const wrong = page.getByRole('alert', { name: 'There is a problem' });
  // One in a million the real code is 000000; either way the page answers.
  await expect(wrong.or(page.getByText('Your mobile number is verified.'))).toBeVisible();

  await page.goto('/account/mobile');
  await verifyNumber(page, fresh);
  await page.screenshot({ path: '/tmp/account-mobile-verified.png', fullPage: true });
  await verifyNumber(page, original);
});
