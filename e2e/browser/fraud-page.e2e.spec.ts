import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'crypto';
import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import { defaultPolicy, TokenPolicy } from '@otc/contracts';
import { AdminApi, SandboxConnector, startSandboxConnector } from '@otc/e2e-support';
// The attack generator is plain JavaScript the benchmark runs without a build; the tests share it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { burstAttack, signInEventBody, telephonyBody, TrafficRequest } from '../../bench/support/fraud-traffic';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, 'screenshots', `fraud-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function createToken(admin: AdminApi, name: string, mode: TokenPolicy['fraudGuard']['mode']): Promise<{ id: string; secret: string }> {
  const base = defaultPolicy();
  const policy = { ...base, insights: { ...base.insights, enabled: false }, fraudGuard: { mode, thresholds: {} } };
  const created = await admin.createToken({ name, policy });
  return { id: created.id, secret: created.tokenSecret };
}

/** Okta's telephony hook calls; answers the event ids. */
async function attack(connector: SandboxConnector, secret: string, requests: TrafficRequest[]): Promise<string[]> {
  const eventIds: string[] = [];
  for (const request of requests) {
    const eventId = randomUUID();
    const response = await fetch(`${connector.baseUrl}/v1/hooks/okta/telephony`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: secret },
      body: JSON.stringify(telephonyBody({ ...request, eventId, otpCode: '482913' })),
    });
    expect(response.status).toBe(200);
    eventIds.push(eventId);
  }
  return eventIds;
}

/** British users sign in with their codes (Okta's event hook reports it); returns once every send is converted. */
async function signIns(connector: SandboxConnector, admin: AdminApi, token: { id: string; secret: string }, block: string, count: number): Promise<void> {
  const users = Array.from({ length: count }, (_, i) => ({
    phoneNumber: `${block}${String(i).padStart(4, '0')}`,
    channel: 'SMS' as const,
    ipAddress: '81.2.69.160',
    userId: `00uE2E${block.slice(-2)}${i}`,
    requestType: 'com.okta.user.telephony.mfa-verification',
  }));
  const eventIds = await attack(connector, token.secret, users);
  for (const user of users) {
    const event = await fetch(`${connector.baseUrl}/v1/hooks/okta/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token.secret },
      body: JSON.stringify(signInEventBody({ eventId: randomUUID(), userId: user.userId, channel: 'SMS' })),
    });
    expect(event.status).toBe(204);
  }
  const deadline = Date.now() + 30_000;
  for (const eventId of eventIds) {
    while (!(await admin.activityOf(token.id, eventId)).convertedAt) {
      if (Date.now() > deadline) throw new Error('the sign-ins were not converted within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** No serious or critical axe violation on the page as it is now. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Nothing on the page may be wider than the screen: wide tables scroll inside their own frame. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('The fraud page in a real browser, at desktop and phone sizes', () => {
  let connector: SandboxConnector;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.stdout.write(`Fraud page screenshots: ${SCREENSHOTS}\n`);
    connector = await startSandboxConnector();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const admin = await AdminApi.signIn(connector.baseUrl, connector.credentials);
    const production = await createToken(admin, 'Production org', 'ENFORCE');
    const trial = await createToken(admin, 'Trial org', 'SHADOW');
    // Real users in GB use their codes on both tokens; Uzbek numbers are pumped: the trial org's SHADOW guard sends them all.
    await signIns(connector, admin, production, '+44740091', 4);
    await signIns(connector, admin, trial, '+44740092', 3);
    await attack(connector, production.secret, burstAttack({ count: 25, block: '+998901260' }));
    // Pumping in a second prefix opens a refusal of its own, so the refusal history holds more than one to page through.
    await attack(connector, production.secret, burstAttack({ count: 25, block: '+998931263' }));
    await attack(connector, trial.secret, burstAttack({ count: 24, block: '+998901261' }));
  });

  afterAll(async () => {
    await browser?.close();
    await connector?.stop();
  });

  // The admin app's session (its sessionStorage) after the first sign-in through the form.
  let session: Record<string, string> | null = null;

  // The sign-in throttle allows five a minute from one address, and the set-up signs in too: the first
  // page signs in through the form, later ones open in the same session, as a second tab would after a reload.
  async function signedInPage(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.newContext({ viewport, colorScheme });
    if (session) {
      await context.addInitScript((entries) => {
        for (const [key, value] of Object.entries(entries)) sessionStorage.setItem(key, value);
      }, session);
    }
    const page = await context.newPage();
    await page.goto(`${connector.baseUrl}/fraud`);
    if (!session) {
      await page.getByLabel('API key').fill(connector.credentials.apiKey);
      await page.getByLabel('API secret').fill(connector.credentials.apiSecret);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await page.getByRole('heading', { name: 'Fraud guard' }).waitFor();
    session ??= await page.evaluate(() => ({ ...sessionStorage }));
    return page;
  }

  // First, while the attack's refusal is still in force.
  it('fits a phone screen', async () => {
    const page = await signedInPage(PHONE);
    await page.getByRole('region', { name: 'Refusing now' }).getByRole('button', { name: /^Lift now: / }).first().waitFor();
    await page.getByRole('table', { name: 'Sends SHADOW mode would have refused' }).waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: join(SCREENSHOTS, '04-phone-fraud.png'), fullPage: true });
  });

  // One page per size; both colour schemes on the same page.
  it.each([
    { name: 'desktop', viewport: DESKTOP, cards: false },
    { name: 'phone', viewport: PHONE, cards: true },
  ])('shows conversion by place on a $name: the pumped country stands out, masked and accessible in light and dark', async ({ name, viewport, cards }) => {
    const page = await signedInPage(viewport);
    const section = page.getByRole('region', { name: 'Conversion by place' });
    const byCountry = section.getByRole('table', { name: 'Conversion by country' });
    const uz = byCountry.getByRole('row').filter({ hasText: 'Uzbekistan' });
    await uz.getByText('Low conversion').waitFor();
    await expect(uz.getByRole('cell').nth(3).textContent()).resolves.toBe('0');
    await byCountry.getByRole('row').filter({ hasText: 'United Kingdom' }).getByText('Proven').first().waitFor();
    await section.getByRole('img', { name: /^Codes sent by country over the last 7 days, most unused first: UZ \d+ sent, 0 converted \(0%\), low conversion; GB 7 sent, 7 converted \(100%\)/ }).waitFor();
    await section.getByRole('table', { name: 'Conversion by request type' }).getByText('Enrollment').waitFor();
    await expect(page.getByText(/99890126\d{4}|4474009[12]\d{4}/).count()).resolves.toBe(0);
    // Below 640 px every table of the page turns into cards, like the activity table.
    await expect(uz.evaluate((row) => getComputedStyle(row).display)).resolves.toBe(cards ? 'grid' : 'table-row');
    await expect(page.locator('table tr.card-row').evaluateAll((rows) => new Set(rows.map((row) => getComputedStyle(row).display)).size)).resolves.toBe(1);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoSidewaysScroll(page);
      await expectAccessible(page, `${name} ${colorScheme}`);
      await section.screenshot({ path: join(SCREENSHOTS, `06-${name}-${colorScheme}-conversion-by-place.png`) });
      await page.screenshot({ path: join(SCREENSHOTS, `07-${name}-${colorScheme}-fraud-page.png`), fullPage: true });
    }

    await section.getByLabel('Period').selectOption('30d');
    await page.waitForURL(/\/fraud\?period=30d$/);
    await section.getByText(/^Last 30 days, all tokens: /).waitFor();
  });

  // The API pages refusals (50 by default); here the history asks for pages of one, so two refusals need "Load more".
  it('pages the refusal history with "Load more", at desktop and phone sizes', async () => {
    const page = await signedInPage(DESKTOP);
    await page.route(/\/v1\/admin\/fraud\/refusals\?.*view=RECENT/, (route) => route.continue({ url: route.request().url().replace(/([?&])limit=\d+/, '$1limit=1') }));
    await page.reload();
    const history = page.getByRole('region', { name: 'Last 30 days' });
    const rows = history.getByRole('table', { name: 'Refusals of the last 30 days' }).locator('tbody tr');
    await history.getByText('Showing the newest 1.').waitFor();
    await expect(rows.count()).resolves.toBe(1);
    const more = history.getByRole('button', { name: 'Load more refusals of the last 30 days' });
    await page.screenshot({ path: join(SCREENSHOTS, '08-desktop-history-load-more.png'), fullPage: true });
    await expectAccessible(page, 'desktop history with load more');
    await more.click();
    await history.getByText(/^Showing (the newest|all) 2\.$/).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await history.screenshot({ path: join(SCREENSHOTS, '09-phone-history-paged.png') });
    await expectAccessible(page, 'phone history paged');
  });

  it('shows what is refused and why on a desktop, and lifts a refusal with a comment', async () => {
    const page = await signedInPage(DESKTOP);
    const refusing = page.getByRole('region', { name: 'Refusing now' });
    const lift = refusing.getByRole('button', { name: /^Lift now: / });
    await lift.first().waitFor();
    const before = await lift.count();
    await refusing.getByText(/Production org/).first().waitFor();
    await page.getByRole('table', { name: 'Sends SHADOW mode would have refused' }).getByText(/would refuse \+99890126/).first().waitFor();
    await expect(page.getByText(/99890126\d{4}/).count()).resolves.toBe(0);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: join(SCREENSHOTS, '01-desktop-fraud.png'), fullPage: true });

    await lift.first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lift now' }).click();
    await dialog.getByText('Say why the refusal is lifted.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '02-desktop-lift-needs-comment.png') });
    await dialog.getByLabel('Why lift it? (kept in the audit log)').fill('Browser e2e: a tester on this range');
    await dialog.getByRole('button', { name: 'Lift now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction((expected) => document.querySelectorAll('.refusal-card').length === expected, before - 1);
    await page.getByRole('table', { name: 'Refusals of the last 30 days' }).getByText('Lifted').first().waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByText(/Browser e2e: a tester on this range/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '03-desktop-audit.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fraud' }).click();
    const form = page.getByRole('form', { name: 'Add to the trusted list' });
    await form.getByLabel('Phone number').fill('+998901260005');
    await form.getByLabel('Why').fill('Browser e2e test device');
    await form.getByRole('button', { name: 'Add to trusted list' }).click();
    const trusted = page.getByRole('table', { name: 'Trusted list' });
    await trusted.getByText('Browser e2e test device').waitFor();
    await expect(trusted.getByText(/998901260005/).count()).resolves.toBe(0);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: join(SCREENSHOTS, '05-desktop-trusted.png'), fullPage: true });
  });
});
