/**
 * The incident room in depth, in Chromium against the production server: changing the TLP ceiling (the
 * banner follows live in another member's browser; lowering below a post's label is refused), and
 * publishing a bulletin update that texts everyone a personal link, previewed first. axe (WCAG 2.2 AA) on the room page.
 */
import { expect, test, type Page } from '@playwright/test';
import { accounts, fakeNotifyReceived, signedInPage, expectNoAxeViolations } from './helpers';

const MEMBER_PHONE = '+447700900103';

test('TLP change and a bulletin follow-up text, previewed, with the ledger and banner live', async ({ browser }) => {
  const canary = `CANARY-${Date.now()}`;
  const lead = await signedInPage(browser, accounts.lead);
  await lead.goto('/incidents/new');
  await lead.getByLabel('Restricted title').fill(`Credential theft at the ambulance trust ${canary}`);
  await lead.getByLabel('High', { exact: true }).check();
  await lead.getByLabel('TLP:AMBER', { exact: true }).check();
  await lead.getByLabel('Restricted summary').fill(`Stolen VPN credentials used from 198.51.100.23 ${canary}`);
  await lead.getByLabel('Public headline').fill('Cyber incident affecting an ambulance service');
  await lead.getByLabel('Invite people').fill(accounts.member);
  await lead.getByRole('button', { name: /open (the )?(incident )?room/i }).click();
  await expect(lead).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  const roomUrl = lead.url();
  const reference = (await lead.getByText(/INC-\d{4}-\d{4}/).first().innerText()).match(/INC-\d{4}-\d{4}/)![0];
  await expect
    .poll(async () => (await fakeNotifyReceived()).filter((s) => s.phoneNumber === MEMBER_PHONE && s.body.includes(reference)).length, { timeout: 30_000 })
    .toBe(2);

  const member = await signedInPage(browser, accounts.member);
  await member.goto(roomUrl);
  await expect(member.getByText('TLP:AMBER', { exact: true }).first()).toBeVisible();

  // Raise the ceiling: the lead's banner changes, and so does the member's open page, live.
  await lead.getByLabel('TLP ceiling', { exact: true }).selectOption('AMBER+STRICT');
  await lead.getByRole('button', { name: 'Change TLP ceiling' }).click();
  await expect(lead.getByTestId('room-timeline')).toContainText('changed the TLP ceiling from TLP:AMBER to TLP:AMBER+STRICT');
  await expect(member.getByText('TLP:AMBER+STRICT', { exact: true }).first()).toBeVisible();

  // A post labelled AMBER+STRICT: lowering the ceiling below it is refused with a clear message.
  await lead.getByLabel('TLP label').selectOption('AMBER+STRICT');
  await lead.getByLabel('Your message (Markdown)').fill('Strict indicators shared with named responders only');
  await lead.getByRole('button', { name: 'Post message' }).click();
  await expect(lead.getByText('Strict indicators shared with named responders only')).toBeVisible();
  await lead.getByLabel('TLP ceiling', { exact: true }).selectOption('AMBER');
  await lead.getByRole('button', { name: 'Change TLP ceiling' }).click();
  const summary = lead.getByTestId('tlp-form').locator('.nhsuk-error-summary');
  await expect(summary).toContainText('1 post is labelled above TLP:AMBER');

  // Publish an update with a follow-up text: the preview shows the exact text and how many it reaches.
  await lead.getByLabel('Public headline').fill('Services restored; passwords being reset');
  await lead.getByLabel('Text everyone a link to this update').check();
  const preview = lead.getByTestId('follow-up-preview');
  await expect(preview.getByTestId('follow-up-preview-summary')).toHaveText('This will text 1 person in 1 organisation.');
  await expect(preview).toContainText(`Update to the public bulletin for ${reference}: Services restored; passwords being reset. Read it: http://localhost:3300/a/xxxxxxxxxxxxxxxxxxxxxx`);
  await lead.screenshot({ path: '/tmp/h4-room-followup-preview.png', fullPage: true });
  await expectNoAxeViolations(lead);
  await lead.getByRole('button', { name: 'Publish update' }).click();
  await expect(lead.getByTestId('bulletin-publish')).toContainText('The update was published.');

  await expect
    .poll(async () => (await fakeNotifyReceived()).filter((s) => s.phoneNumber === MEMBER_PHONE && s.body.startsWith(`Update to the public bulletin for ${reference}`)).length, {
      timeout: 30_000,
    })
    .toBe(1);
  const [followUp] = (await fakeNotifyReceived()).filter((s) => s.phoneNumber === MEMBER_PHONE && s.body.startsWith(`Update to the public bulletin for ${reference}`));
  expect(followUp.body).not.toContain(canary);
  expect(followUp.body).toMatch(/\/a\/[A-Za-z0-9_-]{22}$/);
  await expect(lead.getByTestId('sms-ledger')).toContainText('Bulletin update link (version 2)');

  // The personal link opens the new version of the bulletin, signed out; the ledger counts the open live.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(followUp.body.match(/https?:\/\/\S+$/)![0]);
  await expect(stranger).toHaveURL(new RegExp(`/bulletins/${reference}$`));
  await expect(stranger.locator('body')).toContainText('Services restored; passwords being reset');
  await expect(stranger.locator('body')).not.toContainText(canary);
  await expect(lead.getByTestId('sms-org-summary').locator('tbody tr').first().locator('td').nth(2)).toHaveText('1');

  await member.screenshot({ path: '/tmp/h4-room-member.png', fullPage: true });
  await expectNoAxeViolations(member);
});

test('a closed, archived room leaves the active list and is listed under Archived for its members only', async ({ browser }) => {
  const lead = await signedInPage(browser, accounts.lead);
  await lead.goto('/incidents/new');
  await lead.getByLabel('Restricted title').fill('Suspicious logins on the rota system');
  await lead.getByLabel('Low', { exact: true }).check();
  await lead.getByLabel('TLP:AMBER', { exact: true }).check();
  await lead.getByLabel('Restricted summary').fill('Three accounts locked after password spraying.');
  await lead.getByLabel('Public headline').fill('Rota system sign-in problems');
  await lead.getByLabel('Invite people').fill(accounts.member);
  await lead.getByRole('button', { name: /open (the )?(incident )?room/i }).click();
  await expect(lead).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  const roomUrl = lead.url();
  const reference = (await lead.getByText(/INC-\d{4}-\d{4}/).first().innerText()).match(/INC-\d{4}-\d{4}/)![0];
  await lead.getByLabel('Move status to').selectOption('closed');
  await lead.getByRole('button', { name: 'Change status' }).click();
  await lead.getByRole('button', { name: 'Archive room' }).click();
  await expect(lead.getByText('This room is closed and archived.')).toBeVisible();

  const member = await signedInPage(browser, accounts.member);
  await member.goto('/incidents');
  await expect(member.locator('main')).not.toContainText(reference);
  await member.getByRole('link', { name: 'Archived rooms' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Archived incident rooms' })).toBeVisible();
  await expect(member.getByRole('link', { name: 'Suspicious logins on the rota system' })).toHaveAttribute('href', new URL(roomUrl).pathname);
  await expectNoAxeViolations(member);

  const outsider = await signedInPage(browser, accounts.moderator);
  await outsider.goto('/incidents/archived');
  await expect(outsider.locator('main')).not.toContainText(reference);
});
