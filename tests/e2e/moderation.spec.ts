/**
 * Moderation and personal API tokens as people use them: a member reports a post, a moderator resolves
 * it from the review queue and the post is hidden; a suspended person's open page loses its live
 * connection and their next request fails; an API token is created, used with Bearer and revoked.
 * Every page is checked with axe (WCAG 2.2 AA).
 */
import { expect, request, test, type Page } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { accounts, signedInPage, expectNoAxeViolations } from './helpers';

const stamp = () => `${Date.now()}-${Math.floor(Math.random() * 1000)}`;
const baseURL = `http://localhost:${E2E_PORT}`;

/** A cookie-authenticated API write, with the page's CSRF token as the app's own scripts send it. */
async function apiPost(page: Page, path: string, data: unknown) {
  if (!(await page.locator('meta[name="csrf-token"]').count())) await page.goto('/');
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
  return page.request.post(path, { data, headers: { 'x-csrf-token': csrf, origin: baseURL } });
}

async function newThread(page: Page, title: string, body: string) {
  const res = await apiPost(page, '/api/v1/channels/general/threads', { title, body });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const thread = (await (await page.request.get(`/api/v1/threads/${id}`)).json()) as { posts: { id: string }[] };
  return { id, postId: thread.posts[0].id };
}

test('report → review queue → hide: the reader sees “hidden by a moderator”, the moderator still reads it', async ({ browser }) => {
  const lead = await signedInPage(browser, accounts.lead);
  const member = await signedInPage(browser, accounts.member);
  const moderator = await signedInPage(browser, accounts.moderator);
  const title = `Reported thread ${stamp()}`;
  const { id: threadId, postId } = await newThread(lead, title, 'Buy cheap licences at example.invalid');

  await member.goto(`/threads/${threadId}`);
  const post = member.locator(`#post-${postId}`);
  await post.getByRole('button', { name: /^Report/ }).click();
  const form = member.getByRole('group', { name: /Report .* post to the moderators/ });
  await expect(form.getByLabel('Why are you reporting it?')).toBeFocused();
  await form.getByRole('button', { name: 'Send report' }).click();
  await expect(form.getByText('Say why you are reporting this post')).toBeVisible();
  await expectNoAxeViolations(member);
  await form.getByLabel('Why are you reporting it?').fill('Spam advertising');
  await form.getByRole('button', { name: 'Send report' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Your report has been sent' })).toBeAttached();
  await expect(form).toHaveCount(0);
  // A second report by the same person is refused clearly.
  await post.getByRole('button', { name: /^Report/ }).click();
  await member.getByLabel('Why are you reporting it?').fill('Again');
  await member.getByRole('button', { name: 'Send report' }).click();
  await expect(member.getByRole('alert').filter({ hasText: 'already reported' })).toBeVisible();

  await moderator.goto('/admin/reports');
  await expect(moderator.getByRole('heading', { level: 1, name: 'Reported posts' })).toBeVisible();
  const entry = moderator.locator(`[data-post-id="${postId}"]`);
  await expect(entry).toContainText('Spam advertising');
  await expect(entry).toContainText('1 open report');
  await expectNoAxeViolations(moderator);
  await entry.getByRole('button', { name: 'Resolve reports' }).click();
  await expect(entry.getByRole('alert', { name: 'There is a problem' })).toContainText('Choose hide, delete or dismiss');
  await expectNoAxeViolations(moderator);
  await entry.getByLabel('Hide the post').check();
  await entry.getByLabel('Reason').fill('Advertising is not allowed');
  await entry.getByRole('button', { name: 'Resolve reports' }).click();
  await expect(moderator.getByTestId('report-done')).toContainText('Post hidden');
  await moderator.screenshot({ path: '/tmp/moderation-reports.png', fullPage: true });

  await member.goto(`/threads/${threadId}`);
  await expect(member.locator(`#post-${postId}`)).toContainText('This post was hidden by a moderator.');
  await expect(member.locator(`#post-${postId}`)).not.toContainText('cheap licences');
  await expectNoAxeViolations(member);
  await moderator.goto(`/threads/${threadId}`);
  await expect(moderator.locator(`#post-${postId}`)).toContainText('cheap licences');
  await expect(moderator.locator(`#post-${postId}`)).toContainText('Reason: Advertising is not allowed');
  await expectNoAxeViolations(moderator);
  await moderator.screenshot({ path: '/tmp/moderation-thread.png', fullPage: true });

  await moderator.goto('/admin/staff-log?action=report.hide');
  await expect(moderator.getByTestId('staff-log')).toContainText('Advertising is not allowed');
  await expectNoAxeViolations(moderator);
  await moderator.screenshot({ path: '/tmp/moderation-staff-log.png', fullPage: true });
  await moderator.goto('/admin/staff-log?from=yesterday');
  await expect(moderator.getByRole('alert', { name: 'There is a problem' })).toContainText('Use a date like 2026-01-31');
  await expectNoAxeViolations(moderator);
});

test('a suspended person’s open page loses its live connection and their next request fails', async ({ browser }) => {
  const lead = await signedInPage(browser, accounts.lead);
  const admin = await signedInPage(browser, accounts.admin);
  const { id: threadId } = await newThread(admin, `Live thread ${stamp()}`, 'Watch this');
  const socket = lead.waitForEvent('websocket', (ws) => ws.url().includes('/socket.io/'));
  await lead.goto(`/threads/${threadId}`);
  const ws = await socket;
  await ws.waitForEvent('framereceived', { predicate: (f) => String(f.payload).startsWith('40') });
  const closed = ws.waitForEvent('close');

  await admin.goto(`/admin/moderation?q=${encodeURIComponent(accounts.lead)}`);
  await expectNoAxeViolations(admin);
  await admin.getByTestId('moderation-users').getByRole('link').first().click();
  await expect(admin.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(admin);
  try {
    const suspend = admin.getByTestId('suspend-form');
    await suspend.getByRole('button', { name: /^Suspend/ }).click();
    await expect(admin.getByRole('alert', { name: 'There is a problem' })).toContainText('Give a reason');
    await expectNoAxeViolations(admin);
    await suspend.getByLabel('Reason').fill('Shared TLP:AMBER material in a public channel');
    await suspend.getByRole('button', { name: /^Suspend/ }).click();
    await expect(admin.getByTestId('standing-done')).toContainText('signed out everywhere');
    await expect(admin.getByTestId('standing')).toContainText('Suspended');
    await expectNoAxeViolations(admin);
    await admin.screenshot({ path: '/tmp/moderation-standing.png', fullPage: true });

    await closed;
    expect((await lead.request.get('/api/v1/me')).status()).toBe(401);
    await lead.goto(`/threads/${threadId}`);
    await expect(lead).toHaveURL(/\/sign-in/);
  } finally {
    await admin.goto(`/admin/moderation?q=${encodeURIComponent(accounts.lead)}`);
    await admin.getByTestId('moderation-users').getByRole('link').first().click();
    const lift = admin.getByTestId('lift-suspension-form');
    if (await lift.count()) {
      await lift.getByRole('button', { name: 'Lift the suspension' }).click();
      await expect(admin.getByTestId('standing-done')).toContainText('Suspension lifted');
    }
  }
});

test('an API token is shown once, works with Bearer on /api/v1 only, and stops when revoked', async ({ browser }) => {
  const member = await signedInPage(browser, accounts.member);
  await member.goto('/account/api-tokens');
  await expectNoAxeViolations(member);
  await member.getByRole('button', { name: 'Create token' }).click();
  await expect(member.getByRole('alert', { name: 'There is a problem' })).toContainText('Enter a name for the token');
  await expectNoAxeViolations(member);
  const name = `CI export ${stamp()}`;
  await member.getByLabel('Name').fill(name);
  await member.getByLabel('Read only').check();
  await member.getByRole('button', { name: 'Create token' }).click();
  const value = member.getByTestId('token-value');
  await expect(value).toHaveValue(/^wr_[A-Za-z0-9_-]{43}$/);
  const token = await value.inputValue();
  await expect(member.getByTestId('token-table')).toContainText(name);
  await expect(member.getByTestId('token-table')).not.toContainText(token);
  await expectNoAxeViolations(member);
  await member.screenshot({ path: '/tmp/moderation-api-tokens.png', fullPage: true });

  const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get('/api/v1/me')).status()).toBe(200);
  const write = await api.post('/api/v1/channels/general/threads', { data: { title: 'From a token', body: 'nope' } });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.message).toBe('This API token is read-only.');
  expect((await api.get('/api/v1/me/api-tokens')).status()).toBe(403);
  // Pages do not take tokens: without a session cookie the page sends you to sign in.
  const pageRes = await api.get('/account/api-tokens', { maxRedirects: 0 });
  expect(pageRes.status()).toBeGreaterThanOrEqual(300);
  expect(pageRes.status()).toBeLessThan(400);

  await member.reload();
  const row = member.getByTestId('token-row').filter({ hasText: name });
  await expect(row.locator('td').nth(4)).not.toHaveText('Never');
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(member.getByTestId('tokens-done')).toBeVisible();
  await expect(member.getByTestId('token-row').filter({ hasText: name })).toContainText('Revoked');
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();
});
