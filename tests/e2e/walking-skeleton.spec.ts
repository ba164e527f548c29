import { expect, test } from '@playwright/test';
import { accounts, fakeNotifyReceived, signedInPage, signIn } from './helpers';

test('a reply posted in one browser appears live in another', async ({ browser }) => {
  const alice = await signedInPage(browser, accounts.member);
  const bob = await signedInPage(browser, accounts.moderator);

  for (const page of [alice, bob]) {
    await page.goto('/');
    await page.getByRole('link', { name: 'General' }).first().click();
    await page.getByRole('link', { name: 'Welcome to Watchroom' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Watchroom' })).toBeVisible();
  }

  const reply = `Live reply ${Date.now()} with **bold** text`;
  await alice.getByLabel('Your reply (Markdown)').fill(reply);
  await alice.getByRole('button', { name: /post reply/i }).click();

  const posts = bob.getByTestId('posts');
  await expect(posts.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(posts).toContainText(reply.replace('**bold**', 'bold'));
  await expect(alice.getByTestId('posts')).toContainText(reply.replace('**bold**', 'bold'));
});

test('opening a high-severity room texts its people, the bulletin opens signed out, outsiders get 404', async ({ browser }) => {
  const canary = `CANARY-${Date.now()}`;
  const lead = await signedInPage(browser, accounts.lead);
  await lead.goto('/incidents/new');
  await lead.getByLabel('Restricted title').fill(`Ransomware at pathology ${canary}`);
  await lead.getByLabel('High', { exact: true }).check();
  await lead.getByLabel('TLP:AMBER', { exact: true }).check();
  await lead.getByLabel('Restricted summary').fill(`Encrypted LIMS servers; attacker IP 203.0.113.7 ${canary}`);
  await lead.getByLabel('Public headline').fill('Cyber incident affecting pathology services in Yorkshire');
  await lead.getByLabel(/North East Ambulance Service/).check();
  await lead.getByLabel('Invite people').fill(accounts.member);
  await lead.getByRole('button', { name: /open (the )?(incident )?room/i }).click();

  // The form's SMS preview also shows an INC- reference (the next free one): read it only on the room's page.
  await expect(lead).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  const roomUrl = lead.url();
  await expect(lead.getByText(/INC-\d{4}-\d{4}/).first()).toBeVisible();
  const reference = (await lead.getByText(/INC-\d{4}-\d{4}/).first().innerText()).match(/INC-\d{4}-\d{4}/)![0];
  await expect(lead.getByText('TLP:AMBER').first()).toBeVisible();

  // Both texts about this room reach the fake Notify for the invited member (+447700900103 in the demo data);
  // other specs text the same member about their own rooms.
  const textsForRoom = async () =>
    (await fakeNotifyReceived()).filter((s) => s.phoneNumber === '+447700900103' && s.body.includes(reference));
  await expect.poll(async () => (await textsForRoom()).length, { timeout: 30_000 }).toBe(2);
  const texts = await textsForRoom();
  for (const t of texts) expect(t.body).not.toContain(canary);
  const alert = texts.find((t) => t.body.includes('cyber incident'));
  const signpost = texts.find((t) => t.body.startsWith('Public bulletin'));
  expect(alert?.body).toContain('HIGH');
  expect(alert?.body).toContain('Cyber incident affecting pathology services in Yorkshire');
  const link = signpost?.body.match(/https?:\/\/\S+/)?.[0];
  // A personal short link: opening it records the open, then lands on the public bulletin.
  expect(link).toMatch(/\/a\/[A-Za-z0-9_-]{16,}$/);

  // The ledger shows the texts to the lead.
  await expect(lead.getByTestId('sms-ledger')).toContainText(/sending|delivered/i);

  // Signed out, the bulletin opens and shows only public text.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link!);
  await expect(stranger).toHaveURL(/\/bulletins\/INC-\d{4}-\d{4}$/);
  await expect(stranger.getByRole('heading', { level: 1 })).toContainText('Cyber incident affecting pathology services in Yorkshire');
  await expect(stranger.locator('body')).not.toContainText(canary);

  // An outsider (the moderator's organisation was not invited) sees exactly what a missing room shows.
  const outsider = await (await browser.newContext()).newPage();
  await signIn(outsider, accounts.moderator);
  const missing = await outsider.goto('/incidents/00000000-0000-4000-8000-000000000000');
  const missingText = await outsider.locator('main').innerText();
  const refused = await outsider.goto(roomUrl);
  expect(refused?.status()).toBe(404);
  expect(missing?.status()).toBe(404);
  expect(await outsider.locator('main').innerText()).toBe(missingText);
  await expect(outsider.locator('body')).not.toContainText(canary);
  const api = await outsider.request.get(roomUrl.replace('/incidents/', '/api/v1/incidents/'));
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
});
