/**
 * The forum as people use it: channels with keyset paging and watch controls, threads with reply, quote,
 * edit, delete and revisions, live updates in a second browser, the notification centre and its header
 * badge, search, and channel management for moderators. Every page is checked with axe (WCAG 2.2 AA).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { accounts, signedInPage, expectNoAxeViolations } from './helpers';

const stamp = () => `${Date.now()}-${Math.floor(Math.random() * 1000)}`;

/**
 * Opens a signed-in page and waits until its live connection is up: the page is hydrated (so buttons run
 * their JavaScript rather than submitting natively) and events sent from now on arrive.
 */
async function gotoLive(page: Page, path: string) {
  const socket = page.waitForEvent('websocket', (ws) => ws.url().includes('/socket.io/'));
  await page.goto(path);
  const ws = await socket;
  await ws.waitForEvent('framereceived', { predicate: (f) => String(f.payload).startsWith('40') });
  await page.waitForTimeout(300); // the server joins the socket to the thread or channel after checking access
}

/** A cookie-authenticated API write carries our Origin and the page's CSRF token, as the app's own scripts do. */
async function writeHeaders(page: Page): Promise<Record<string, string>> {
  if (!(await page.locator('meta[name="csrf-token"]').count())) await page.goto('/');
  const token = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
  return { 'x-csrf-token': token, origin: new URL(page.url()).origin };
}

async function newThread(page: Page, channel: string, title: string, body: string): Promise<string> {
  const res = await page.request.post(`/api/v1/channels/${channel}/threads`, { data: { title, body }, headers: await writeHeaders(page) });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function post(page: Page, threadId: string, body: string): Promise<string> {
  const res = await page.request.post(`/api/v1/threads/${threadId}/posts`, { data: { body }, headers: await writeHeaders(page) });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function unreadCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/notifications?limit=1');
  return ((await res.json()) as { unread: number }).unread;
}

const badge = (page: Page, unread: number) =>
  page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: unread ? `Notifications, ${unread} unread` : 'Notifications', exact: true });

async function people(browser: Browser) {
  const member = await signedInPage(browser, accounts.member);
  const moderator = await signedInPage(browser, accounts.moderator);
  return { member, moderator };
}

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  test('sign-in page', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('home, channel, thread, notifications, search and channel management', async ({ browser }) => {
    const moderator = await signedInPage(browser, accounts.moderator);
    const threadId = await newThread(moderator, 'general', `Axe thread ${stamp()}`, 'A post with **bold** text and `code`, for @member.');
    await post(moderator, threadId, 'A reply with a list:\n\n- one\n- two');

    const pages: [string, string][] = [
      ['/', 'Channels'],
      ['/channels/general', 'General'],
      [`/threads/${threadId}`, 'Axe thread'],
      ['/notifications', 'Notifications'],
      ['/search', 'Search'],
      ['/search?q=bold', 'Search results'],
      ['/search?q=x&from=31/02/2026', 'Search'],
      ['/search?q=nothingmatchesthisatall', 'Search results'],
      ['/admin/channels', 'Manage channels'],
      ['/admin/channels/general', 'Edit General'],
    ];
    for (const [path, heading] of pages) {
      await gotoLive(moderator, path);
      await expect(moderator.getByRole('heading', { level: 1 })).toContainText(heading);
      await expectNoAxeViolations(moderator);
    }

    // The disclosures, the inline edit form and the delete confirmation too.
    await gotoLive(moderator, `/threads/${threadId}`);
    await moderator.locator('summary', { hasText: 'Notifications:' }).click();
    await moderator.getByTestId('posts').locator('article').first().getByRole('button', { name: /^Edit/ }).click();
    await moderator.getByTestId('posts').locator('article').nth(1).getByRole('button', { name: /^Delete/ }).click();
    await expectNoAxeViolations(moderator);
  });
});

test('a mention raises the badge live; the notification opens the post; reading it clears the badge', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const threadId = await newThread(moderator, 'general', `Mention test ${stamp()}`, 'Opening post.');
  const before = await unreadCount(member);

  await gotoLive(member, '/');
  await expect(badge(member, before)).toBeVisible();
  const postId = await post(moderator, threadId, 'Could you look at this, @member?');
  await expect(badge(member, before + 1)).toBeVisible();

  await badge(member, before + 1).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const item = member.getByTestId('notifications').locator('li').first();
  await expect(item).toContainText('Morgan Moderator mentioned you in');
  await expect(item).toContainText('Unread');
  await expect(item.getByRole('link')).toHaveAttribute('href', `/threads/${threadId}#post-${postId}`);

  await item.getByRole('link').click();
  await expect(member).toHaveURL(new RegExp(`/threads/${threadId}#post-${postId}$`));
  await expect(member.locator(`#post-${postId}`)).toContainText('Could you look at this');
  await expect(badge(member, before)).toBeVisible();
  expect(await unreadCount(member)).toBe(before);
});

test('Reply targets a post (its author is notified) and Quote drops the quoted Markdown into the reply box', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const threadId = await newThread(moderator, 'general', `Reply test ${stamp()}`, 'Which EDR are you all using?');
  const moderatorBefore = await unreadCount(moderator);
  await gotoLive(member, `/threads/${threadId}`);
  const opening = member.getByTestId('posts').locator('article').first();

  // Keyboard: Reply moves focus into the reply box and says who you are replying to.
  await opening.getByRole('button', { name: /^Reply/ }).focus();
  await member.keyboard.press('Enter');
  await expect(member.getByLabel('Your reply (Markdown)')).toBeFocused();
  await expect(member.locator('#reply-context')).toContainText('Replying to Morgan Moderator’s post');

  await opening.getByRole('button', { name: /^Quote/ }).click();
  await expect(member.getByLabel('Your reply (Markdown)')).toHaveValue(/^> \*\*Morgan Moderator\*\* \[wrote\]\(.*\):\n> Which EDR are you all using\?/);
  await expect(member.getByLabel('Your reply (Markdown)')).toBeFocused();
  await member.keyboard.type('We use the national one.');
  await member.getByRole('button', { name: 'Post reply' }).click();
  await expect(member.getByText('Your reply has been posted.')).toBeVisible();
  const reply = member.getByTestId('posts').locator('article').nth(1);
  await expect(reply.locator('blockquote')).toContainText('Which EDR are you all using?');
  await expect(reply).toContainText('We use the national one.');
  await expect(member.getByLabel('Your reply (Markdown)')).toHaveValue('');
  // Replying starts tracking the thread, and the watch control says so without a reload.
  await expect(member.getByTestId('thread-watch').locator('summary')).toContainText('Notifications: Tracking');

  await expect.poll(() => unreadCount(moderator)).toBe(moderatorBefore + 1);
  await gotoLive(moderator, '/notifications');
  await expect(moderator.getByTestId('notifications').locator('li').first()).toContainText('Sam Member replied to you in');
});

test('edits and deletions show live in another browser; the edited marker links to every version', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const threadId = await newThread(moderator, 'general', `Edit test ${stamp()}`, 'Opening post.');
  await gotoLive(member, `/threads/${threadId}`);
  await member.getByLabel('Your reply (Markdown)').fill('First version of my reply');
  await member.getByRole('button', { name: 'Post reply' }).click();
  await expect(member.locator('article', { hasText: 'First version of my reply' })).toBeVisible();
  const postId = await member.locator('article', { hasText: 'First version of my reply' }).getAttribute('data-post-id');
  const mine = member.locator(`#post-${postId}`);

  await gotoLive(moderator, `/threads/${threadId}`);
  const seen = moderator.locator(`#post-${postId}`);
  await expect(seen).toContainText('First version');
  // Only the author may edit; a moderator may delete.
  await expect(seen.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await expect(seen.getByRole('button', { name: /^Delete/ })).toHaveCount(1);

  await mine.getByRole('button', { name: /^Edit/ }).click();
  const box = member.getByLabel('Edit your post (Markdown)');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('First version of my reply');
  await box.fill('Second version of my reply, **now bold**');
  await member.getByRole('button', { name: 'Save changes' }).click();
  await expect(mine.getByRole('button', { name: /^Edit/ })).toBeFocused();
  await expect(seen.locator('strong', { hasText: 'now bold' })).toBeVisible();
  await expect(seen.getByRole('link', { name: /edited/ })).toBeVisible();

  await seen.getByRole('link', { name: /edited/ }).click();
  await expect(moderator.getByRole('heading', { level: 1 })).toHaveText('Versions of Sam Member’s post');
  await expect(moderator.getByRole('heading', { level: 2, name: /Version 2/ })).toBeVisible();
  await expect(moderator.getByRole('heading', { level: 2, name: /Version 1/ })).toBeVisible();
  await expect(moderator.locator('main')).toContainText('First version of my reply');
  await expectNoAxeViolations(moderator);

  await gotoLive(moderator, `/threads/${threadId}`);
  await mine.getByRole('button', { name: /^Delete/ }).click();
  await expect(member.getByRole('group', { name: /Delete this post\?/ })).toBeFocused();
  // Escape cancels and returns focus to the Delete button.
  await member.keyboard.press('Escape');
  await expect(mine.getByRole('button', { name: /^Delete/ })).toBeFocused();
  await member.keyboard.press('Enter');
  await member.getByRole('button', { name: 'Yes, delete this post' }).click();
  await expect(member.locator(`#post-${postId}-deleted`)).toBeFocused();
  await expect(member.locator(`#post-${postId}`)).toContainText('This post was deleted.');
  await expect(moderator.locator(`#post-${postId}`)).toContainText('This post was deleted.');
  await expect(moderator.locator(`#post-${postId}`)).not.toContainText('Second version');
});

test('new replies while scrolled up: no jump, a "3 new replies" button takes the reader to them', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const threadId = await newThread(moderator, 'general', `Scroll test ${stamp()}`, 'Opening post.');
  for (let i = 0; i < 6; i++) await post(moderator, threadId, `Earlier post ${i}\n\n${'A long paragraph of text. '.repeat(100)}`);

  await member.setViewportSize({ width: 1024, height: 700 });
  await gotoLive(member, `/threads/${threadId}`);
  await member.evaluate(() => window.scrollTo(0, 0));
  await expect(member.getByTestId('new-replies')).toHaveCount(0);

  const first = await post(moderator, threadId, 'Late reply one');
  await post(moderator, threadId, 'Late reply two');
  await post(moderator, threadId, 'Late reply three');
  await expect(member.getByTestId('new-replies')).toHaveText(/3 new replies/);
  await expect(member.locator(`#post-${first}`)).toBeAttached();
  expect(await member.evaluate(() => window.scrollY)).toBe(0);

  await member.getByTestId('new-replies').click();
  await expect(member.locator(`#post-${first}`)).toBeFocused();
  await expect(member.locator(`#post-${first}`)).toBeInViewport();
  await expect(member.getByTestId('new-replies')).toHaveCount(0);

  // At the bottom, new replies simply appear (no button).
  await member.getByLabel('Your reply (Markdown)').scrollIntoViewIfNeeded();
  await post(moderator, threadId, 'Reply while at the bottom');
  await expect(member.getByTestId('posts')).toContainText('Reply while at the bottom');
  await expect(member.getByTestId('new-replies')).toHaveCount(0);
});

test('moderators pin and lock (seen live by readers, who lose the reply box); members have no moderator actions', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const threadId = await newThread(member, 'general', `Lock test ${stamp()}`, 'Please lock me.');
  await gotoLive(member, `/threads/${threadId}`);
  await expect(member.getByTestId('moderator-tools')).toHaveCount(0);
  await expect(member.getByLabel('Your reply (Markdown)')).toBeVisible();

  await gotoLive(moderator, `/threads/${threadId}`);
  await moderator.getByRole('button', { name: 'Pin thread' }).click();
  await expect(moderator.getByRole('button', { name: 'Unpin thread' })).toBeFocused();
  await moderator.getByRole('button', { name: 'Lock thread' }).click();
  await expect(moderator.getByRole('button', { name: 'Unlock thread' })).toBeVisible();
  await expect(moderator.getByTestId('moderator-tools').getByRole('status')).toHaveText('Thread locked. It takes no new replies.');

  await expect(member.getByTestId('thread-meta')).toContainText('Pinned');
  await expect(member.getByTestId('thread-meta')).toContainText('Locked');
  await expect(member.getByText('This thread is locked. It takes no new replies.')).toBeVisible();
  await expect(member.getByLabel('Your reply (Markdown)')).toHaveCount(0);
  await expect(member.getByTestId('posts').getByRole('button', { name: /^Edit/ })).toHaveCount(0);

  await gotoLive(member, '/channels/general');
  const row = member.locator(`[data-thread-id="${threadId}"]`);
  await expect(row).toContainText('Pinned');
  await expect(row).toContainText('Locked');
  await expect(member.locator('[data-thread-id]').first()).toHaveAttribute('data-thread-id', threadId);

  await moderator.getByRole('button', { name: 'Unlock thread' }).click();
  await moderator.getByRole('button', { name: 'Unpin thread' }).click();
  await expect(moderator.getByRole('button', { name: 'Pin thread' })).toBeVisible();
  await gotoLive(member, `/threads/${threadId}`);
  await expect(member.getByLabel('Your reply (Markdown)')).toBeVisible();
});

test('watch controls: watching a channel notifies of every new post there', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  await gotoLive(member, '/channels/vulnerabilities');
  await member.locator('summary', { hasText: 'Notifications:' }).click();
  await member.getByLabel('Watching').check();
  await member.getByRole('button', { name: 'Save notification setting' }).click();
  await expect(member.getByTestId('channel-watch').getByRole('status')).toHaveText('Saved. Notifications for this channel: Watching.');
  await gotoLive(member, '/channels/vulnerabilities');
  await expect(member.locator('summary', { hasText: 'Notifications:' })).toContainText('Notifications: Watching');

  const before = await unreadCount(member);
  const title = `Watched channel post ${stamp()}`;
  await newThread(moderator, 'vulnerabilities', title, 'New advisory.');
  await expect.poll(() => unreadCount(member)).toBe(before + 1);
  await gotoLive(member, '/notifications');
  await expect(member.getByTestId('notifications').locator('li').first()).toContainText(`Morgan Moderator posted in ${title}`);

  // Muting a thread in the watched channel silences it.
  const threadId = await newThread(moderator, 'vulnerabilities', `Muted ${stamp()}`, 'First.');
  await gotoLive(member, `/threads/${threadId}`);
  await member.locator('summary', { hasText: 'Notifications:' }).click();
  await member.getByLabel('Muted').check();
  await member.getByRole('button', { name: 'Save notification setting' }).click();
  await expect(member.getByTestId('thread-watch').getByRole('status')).toHaveText('Saved. Notifications for this thread: Muted.');
  const afterMute = await unreadCount(member);
  await post(moderator, threadId, 'Nobody should hear about this one.');
  await post(moderator, threadId, 'Nor this.');
  expect(await unreadCount(member)).toBe(afterMute);

  await gotoLive(member, '/channels/vulnerabilities');
  await member.locator('summary', { hasText: 'Notifications:' }).click();
  await member.getByLabel('Normal').check();
  await member.getByRole('button', { name: 'Save notification setting' }).click();
  await expect(member.getByTestId('channel-watch').getByRole('status')).toHaveText('Saved. Notifications for this channel: Normal.');
});

test('channel paging: "Load more threads" appends the next keyset page, and the link works without JavaScript', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const slug = `paging-${stamp()}`;
  expect((await moderator.request.post('/api/v1/channels', { data: { slug, name: `Paging ${slug}` }, headers: await writeHeaders(moderator) })).status()).toBe(201);
  for (let i = 0; i < 33; i++) await newThread(moderator, slug, `Paged thread ${String(i).padStart(2, '0')}`, `Body ${i}`);

  await gotoLive(member, `/channels/${slug}`);
  const rows = member.locator('[data-thread-id]');
  await expect(rows).toHaveCount(30);
  await expect(rows.first()).toContainText('Paged thread 32');
  await expect(rows.first()).toContainText('New');
  const more = member.getByTestId('load-more');
  await expect(more).toHaveAttribute('href', new RegExp(`^/channels/${slug}\\?cursor=`));
  const href = (await more.getAttribute('href'))!;

  await more.focus();
  await member.keyboard.press('Enter');
  await expect(rows).toHaveCount(33);
  await expect(rows.nth(30).getByRole('link')).toBeFocused();
  await expect(rows.last()).toContainText('Paged thread 00');
  await expect(member.getByTestId('load-more')).toHaveCount(0);
  await expectNoAxeViolations(member);

  // Without JavaScript the same link opens the older page.
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await member.context().cookies());
  const plain = await context.newPage();
  await plain.goto(`/channels/${slug}`);
  await plain.getByTestId('load-more').click();
  await expect(plain).toHaveURL(new RegExp(`${href.replace(/[?]/g, '\\?')}$`));
  await expect(plain.locator('[data-thread-id]')).toHaveCount(3);
  await expect(plain.getByRole('link', { name: 'Go to the newest threads' })).toBeVisible();
  await context.close();
});

test('without JavaScript, a reply and a failed reply both work (the page comes back with the result)', async ({ browser }) => {
  const member = await signedInPage(browser, accounts.member);
  const threadId = await newThread(member, 'general', `No-JS ${stamp()}`, 'Opening post.');
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await member.context().cookies());
  const plain = await context.newPage();
  await plain.goto(`/threads/${threadId}`);
  await plain.getByRole('button', { name: 'Post reply' }).click();
  await expect(plain.locator('.nhsuk-error-summary')).toContainText('Enter a message');
  await plain.getByLabel('Your reply (Markdown)').fill('Posted without JavaScript');
  await plain.getByRole('button', { name: 'Post reply' }).click();
  await expect(plain.getByTestId('posts')).toContainText('Posted without JavaScript');
  await context.close();
});

test('search: header box, highlighted results, filters, validation errors and a helpful empty result', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const word = `zebrafish${Date.now()}`;
  const threadId = await newThread(moderator, 'threat-intelligence', `Search test ${word}`, `Indicators for the ${word} campaign <script>alert(1)</script>`);

  await gotoLive(member, '/');
  await member.getByRole('searchbox', { name: 'Search Watchroom' }).fill(word);
  await member.keyboard.press('Enter');
  await expect(member).toHaveURL(new RegExp(`/search\\?q=${word}`));
  await expect(member.getByTestId('results-heading')).toHaveText(`1 result for ‘${word}’`);
  const result = member.getByTestId('results').locator('li').first();
  await expect(result.getByRole('link', { name: `Search test ${word}` })).toHaveAttribute('href', new RegExp(`^/threads/${threadId}#post-`));
  await expect(result).toContainText('in Threat intelligence');
  await expect(result).toContainText('Morgan Moderator');
  await expect(result.locator('mark')).toHaveText(word);
  // The snippet is escaped text with only <mark> added: the script tag is never an element.
  await expect(result.locator('.wr-result__snippet script')).toHaveCount(0);
  expect(await result.locator('.wr-result__snippet *').evaluateAll((els) => els.map((e) => e.tagName))).toEqual(['MARK']);

  // Filters: channel, author (username or email), dates.
  const search = (query: string) => gotoLive(member, `/search?${query}`);
  await search(`q=${word}&channel=general`);
  await expect(member.getByTestId('results-heading')).toHaveText(`No results for ‘${word}’`);
  await expect(member.getByTestId('no-results')).toContainText('removing some filters');
  await search(`q=${word}&author=%40moderator&from=1/1/2020&to=31/12/2099`);
  await expect(member.getByTestId('results-heading')).toHaveText(`1 result for ‘${word}’`);
  await search(`q=${word}&author=${encodeURIComponent(accounts.member)}`);
  await expect(member.getByTestId('results-heading')).toHaveText(`No results for ‘${word}’`);

  // Problems go in the NHS error summary, which takes focus and links to each field.
  await search('q=a&from=31/02/2026');
  const summary = member.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter at least 2 characters to search for' })).toHaveAttribute('href', '#q');
  await expect(summary.getByRole('link', { name: /Enter a real date/ })).toHaveAttribute('href', '#from');
  await expect(member).toHaveTitle(/^Error: /);
  await search(`q=${word}&from=2026-02-01&to=2026-01-01`);
  await expect(summary.getByRole('link')).toHaveText('‘Posted on or before’ must be the same as or after ‘Posted on or after’');
});

test('channel management: moderators create, edit, archive and restore; members get the not-found page', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  const missing = await member.goto('/admin/channels');
  expect(missing?.status()).toBe(404);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(member.getByRole('link', { name: 'Manage channels' })).toHaveCount(0);

  await gotoLive(moderator, '/');
  await moderator.getByRole('link', { name: 'Manage channels' }).click();
  await expect(moderator.getByRole('heading', { level: 1 })).toHaveText('Manage channels');
  await moderator.getByRole('button', { name: 'Create channel' }).click();
  await expect(moderator.locator('.nhsuk-error-summary')).toBeFocused();
  await expect(moderator.locator('.nhsuk-error-summary')).toContainText('Enter a name');

  const slug = `ops-${stamp()}`;
  await moderator.getByLabel('Web address').fill(slug);
  await moderator.getByLabel('Name').fill('Operations');
  await moderator.getByLabel('Description (optional)').fill('Day-to-day security operations.');
  await moderator.getByRole('button', { name: 'Create channel' }).click();
  await expect(moderator.getByTestId('channel-done')).toContainText('Channel ‘Operations’ created.');
  const row = moderator.locator(`tr[data-channel="${slug}"]`);
  await expect(row).toContainText('Active');

  await row.getByRole('link', { name: 'Edit Operations' }).click();
  await moderator.getByLabel('Position').fill('first');
  await moderator.getByRole('button', { name: 'Save changes' }).click();
  await expect(moderator.locator('.nhsuk-error-summary')).toContainText('Enter the position as a whole number');
  await moderator.getByLabel('Position').fill('0');
  await moderator.getByLabel('Name').fill('Security operations');
  await moderator.getByRole('button', { name: 'Save changes' }).click();
  await expect(moderator.getByTestId('channel-done')).toContainText('Channel ‘Security operations’ updated.');

  await gotoLive(member, '/');
  await expect(member.getByRole('link', { name: 'Security operations' })).toBeVisible();

  await row.getByRole('button', { name: 'Archive Security operations' }).click();
  await expect(moderator.getByTestId('channel-done')).toContainText('archived');
  await expect(row).toContainText('Archived');
  await gotoLive(member, '/');
  await expect(member.getByRole('link', { name: 'Security operations' })).toHaveCount(0);
  await gotoLive(member, `/channels/${slug}`);
  await expect(member.getByText('This channel is archived.')).toBeVisible();
  await expect(member.getByRole('button', { name: 'Post thread' })).toHaveCount(0);

  await row.getByRole('button', { name: 'Restore Security operations' }).click();
  await expect(moderator.getByTestId('channel-done')).toContainText('restored');
  await expect(row).toContainText('Active');
});

test('notification centre: "Mark all as read" clears the list and the badge, and says so', async ({ browser }) => {
  const { member, moderator } = await people(browser);
  await newThread(moderator, 'general', `Ping ${stamp()}`, 'Hello @member.');
  await expect.poll(() => unreadCount(member)).toBeGreaterThan(0);
  await gotoLive(member, '/notifications');
  await expect(member.getByTestId('notifications')).toContainText('Unread');
  await member.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(member.getByText('All notifications are marked as read.')).toBeFocused();
  await expect(member.getByTestId('notifications')).not.toContainText('Unread');
  await expect(badge(member, 0)).toBeVisible();
  await expect(member.getByText('You have no unread notifications.')).toBeVisible();
  expect(await unreadCount(member)).toBe(0);
});
