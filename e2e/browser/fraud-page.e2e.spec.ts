import { randomUUID } from 'crypto';
import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import { defaultPolicy, TokenPolicy } from '@otc/contracts';
import { AdminApi, SandboxConnector, startSandboxConnector } from '@otc/e2e-support';
// The attack generator is plain JavaScript the benchmark runs without a build; the tests share it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { burstAttack, telephonyBody, TrafficRequest } from '../../bench/support/fraud-traffic';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, 'screenshots', `fraud-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function createToken(admin: AdminApi, name: string, mode: TokenPolicy['fraudGuard']['mode']): Promise<string> {
  const base = defaultPolicy();
  const policy = { ...base, insights: { ...base.insights, enabled: false }, fraudGuard: { mode, thresholds: {} } };
  return (await admin.createToken({ name, policy })).tokenSecret;
}

async function attack(connector: SandboxConnector, secret: string, requests: TrafficRequest[]): Promise<void> {
  for (const request of requests) {
    const response = await fetch(`${connector.baseUrl}/v1/hooks/okta/telephony`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: secret },
      body: JSON.stringify(telephonyBody({ ...request, eventId: randomUUID(), otpCode: '482913' })),
    });
    expect(response.status).toBe(200);
  }
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
    await attack(connector, await createToken(admin, 'Production org', 'ENFORCE'), burstAttack({ count: 25, block: '+998901260' }));
    await attack(connector, await createToken(admin, 'Trial org', 'SHADOW'), burstAttack({ count: 8, block: '+998901261' }));
  });

  afterAll(async () => {
    await browser?.close();
    await connector?.stop();
  });

  async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(`${connector.baseUrl}/fraud`);
    await page.getByLabel('API key').fill(connector.credentials.apiKey);
    await page.getByLabel('API secret').fill(connector.credentials.apiSecret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fraud guard' }).waitFor();
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
