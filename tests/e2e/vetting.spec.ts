/**
 * Vetted membership as people use it: someone asks to join at /sign-up, their sponsor vouches at /sponsor,
 * a moderator approves at /admin/signups, and the new member signs in and finds the directory. The emails
 * go to the fake GOV.UK Notify through the real client. Every page is checked with axe (WCAG 2.2 AA).
 */
import { expect, test, type Page } from '@playwright/test';
import { FAKE_NOTIFY_PORT } from '../../playwright.config';
import { accounts, signedInPage, signIn, expectNoAxeViolations } from './helpers';

type FakeEmail = { emailAddress: string; subject: string; body: string };
async function emailsTo(address: string): Promise<FakeEmail[]> {
  const res = await fetch(`http://127.0.0.1:${FAKE_NOTIFY_PORT}/_fake/emails`);
  return ((await res.json()) as FakeEmail[]).filter((e) => e.emailAddress === address);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/vetting-${name}.png`, fullPage: true });

test('sign up, sponsor vouches, moderator approves, the new member signs in and uses the directory', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const applicant = { name: 'Priya Newcomer', email: `priya.${stamp}@demo.watchroom.test`, password: 'velvet harbour signal 2026' };

  // 1. The request, signed out. A bad domain first: a clear error at the field, focus on the summary.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/sign-up');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Request a Watchroom account' })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitor.getByLabel('Full name').fill(applicant.name);
  await visitor.getByLabel('Work email address', { exact: true }).fill(`priya.${stamp}@gmail.com`);
  await visitor.getByLabel('Organisation').selectOption('RR8');
  await visitor.getByLabel('Job role').fill('Security analyst');
  await visitor.getByLabel('Your sponsor’s work email address').fill(accounts.member);
  await visitor.getByLabel('Choose a password').fill(applicant.password);
  await visitor.getByRole('button', { name: 'Send request' }).click();
  await expect(visitor.locator('.nhsuk-error-summary')).toContainText('gmail.com is not a domain Watchroom accepts');
  await expect(visitor.locator('.nhsuk-error-summary')).toBeFocused();
  await expectNoAxeViolations(visitor);
  await shot(visitor, 'sign-up-error');

  await visitor.getByLabel('Work email address', { exact: true }).fill(applicant.email);
  await visitor.getByLabel('Choose a password').fill(applicant.password);
  await visitor.getByRole('button', { name: 'Send request' }).click();
  await expect(visitor.getByTestId('signup-received')).toContainText('We have asked your sponsor');
  await expectNoAxeViolations(visitor);

  await expect.poll(async () => (await emailsTo(accounts.member)).some((e) => e.body.includes(applicant.email))).toBe(true);

  // 2. The sponsor vouches.
  const sponsor = await signedInPage(browser, accounts.member);
  await sponsor.goto('/sponsor');
  const request = sponsor.getByTestId('sponsor-request').filter({ hasText: applicant.email });
  await expect(request).toBeVisible();
  await expectNoAxeViolations(sponsor);
  await shot(sponsor, 'sponsor');
  await request.getByLabel('Yes, I vouch for them').check();
  await request.getByLabel('Note for the moderators').fill('Works in our security operations team.');
  await request.getByRole('button', { name: 'Send answer' }).click();
  await expect(sponsor.getByRole('status').filter({ hasText: 'has gone to the moderators' })).toBeVisible();
  await expectNoAxeViolations(sponsor);

  // 3. A moderator approves.
  const moderator = await signedInPage(browser, accounts.moderator);
  await moderator.goto('/admin/signups');
  const card = moderator.getByTestId('signup-request').filter({ hasText: applicant.email });
  await expect(card.getByTestId('sponsor-answer')).toContainText('Vouched');
  await expectNoAxeViolations(moderator);
  await shot(moderator, 'signups');
  // Rejecting without a reason is refused at the field.
  await card.getByRole('button', { name: `Reject ${applicant.name}` }).click();
  await expect(card.locator('.nhsuk-error-summary')).toContainText('Give a reason');
  await expectNoAxeViolations(moderator);
  await card.getByRole('button', { name: `Approve ${applicant.name}` }).click();
  await expect(moderator.getByRole('status').filter({ hasText: 'Request approved' })).toBeVisible();
  await expect(moderator.getByTestId('signup-request').filter({ hasText: applicant.email })).toHaveCount(0);
  await expect.poll(async () => (await emailsTo(applicant.email)).map((e) => e.subject)).toContain('Your Watchroom account is ready');

  // 4. The new member signs in and finds the directory.
  const member = await (await browser.newContext()).newPage();
  await signIn(member, applicant.email, applicant.password);
  await member.goto('/directory/people?q=Priya');
  await expect(member.getByTestId('people-list')).toContainText(applicant.name);
  await expectNoAxeViolations(member);
  await shot(member, 'people');
  await member.goto('/directory/organisations?type=acute_trust');
  await expect(member.getByRole('heading', { level: 2, name: 'Leeds Teaching Hospitals NHS Trust' })).toBeVisible();
  await expectNoAxeViolations(member);
  await shot(member, 'organisations');
  await member.goto('/account/profile');
  await member.getByLabel('About you').fill('Threat hunting and phishing analysis.');
  await member.getByRole('group', { name: /^Email address/ }).getByLabel('All Watchroom members').check();
  await member.getByRole('button', { name: 'Save profile' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
  await expectNoAxeViolations(member);
  await shot(member, 'profile');

  // A colleague elsewhere now sees the email the member chose to show to all members.
  await sponsor.goto(`/directory/people?q=${encodeURIComponent(applicant.name)}`);
  await expect(sponsor.getByTestId('people-list')).toContainText(applicant.email);
});

test('admin pages: email domains and users pass axe; a role change needs a reason', async ({ browser }) => {
  const admin = await signedInPage(browser, accounts.admin);
  await admin.goto('/admin/email-domains');
  await expect(admin.getByTestId('domains-table')).toContainText('nhs.net');
  await expectNoAxeViolations(admin);
  await admin.getByLabel('Domain').fill('not a domain');
  await admin.getByRole('button', { name: 'Add domain' }).click();
  await expect(admin.locator('.nhsuk-error-summary')).toContainText('Enter a domain');
  await expectNoAxeViolations(admin);
  await shot(admin, 'email-domains');

  await admin.goto('/admin/users?q=member%40demo');
  await expect(admin.getByTestId('users-table')).toContainText(accounts.member);
  await expectNoAxeViolations(admin);
  await shot(admin, 'users');
  await admin.getByTestId('users-table').getByRole('link').first().click();
  await admin.getByLabel('Incident lead').check();
  await admin.getByRole('button', { name: 'Change role' }).click();
  await expect(admin.locator('.nhsuk-error-summary')).toContainText('Give a reason');
  await expectNoAxeViolations(admin);
});
