import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { SandboxConnector, startSandboxConnector } from '@otc/e2e-support';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, 'screenshots', new Date().toISOString().replace(/[:.]/g, '-'));
const PHONE = '+447400123456';
const MASKED = '+44•••••••56';

describe('An admin sets up, watches and manages the connector in a real browser', () => {
  let connector: SandboxConnector;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shot = 0;

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.stdout.write(`Browser e2e screenshots: ${SCREENSHOTS}\n`);
    connector = await startSandboxConnector();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: connector.baseUrl });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await connector?.stop();
  });

  it('walks from sign-in to a revoked token', async () => {
    await page.goto(connector.baseUrl);
    await page.getByLabel('API key').fill(connector.credentials.apiKey);
    await page.getByLabel('API secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await page.getByLabel('API secret').fill(connector.credentials.apiSecret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page
      .getByText(/sandbox mode/i)
      .first()
      .waitFor();
    await screenshot('dashboard-empty');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create token' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Browser e2e org');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretField = page.getByRole('textbox', { name: 'Token Secret' });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^otc_/);
    await page.getByRole('button', { name: 'Copy Token Secret' }).click();
    await page.getByText('Copied').first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect(page.getByRole('textbox', { name: 'Telephony Webhook URL' }).inputValue()).resolves.toBe(
      `${connector.baseUrl.replace('127.0.0.1', 'localhost')}/v1/hooks/okta/telephony`,
    );
    await screenshot('token-created');
    await page.getByRole('button', { name: 'I have copied the values' }).click();

    const preview = JSON.parse(await connector.cli(['okta', 'preview', '--phone', PHONE, '--token-secret', secret, '--url', connector.baseUrl]));
    expect(preview.body.commands[0].value[0].status).toBe('SUCCESSFUL');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const recent = page.getByRole('region', { name: 'Recent OTP Activity' });
    await recent.getByRole('cell', { name: MASKED, exact: true }).waitFor({ timeout: 15_000 });
    await expect(recent.getByText(PHONE).count()).resolves.toBe(0);
    await page.getByRole('region', { name: 'Simulator outbox' }).getByRole('cell', { name: MASKED, exact: true }).waitFor({ timeout: 15_000 });
    await screenshot('dashboard-with-attempt');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tokens', exact: true }).click();
    await page.getByRole('button', { name: 'Rotate Browser e2e org' }).click();
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('textbox', { name: 'Token Secret' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Token Secret' }).inputValue()).not.toBe(secret);
    await page.getByRole('button', { name: 'I have copied the values' }).click();
    const graceRow = page.getByRole('row').filter({ hasText: 'Grace Period' });
    await graceRow.waitFor();
    await screenshot('rotated-grace-period');

    await graceRow.getByRole('button', { name: /^Revoke/ }).click();
    await page
      .getByRole('dialog')
      .getByText(/immediate/i)
      .waitFor();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('row').filter({ hasText: 'Revoked' }).waitFor();
    await screenshot('revoked');

    const afterRevoke = JSON.parse(
      await connector.cli(['okta', 'preview', '--phone', PHONE, '--token-secret', secret, '--url', connector.baseUrl]).catch((e) => e.stdout),
    );
    expect(afterRevoke.status).toBe(401);
  });
});
