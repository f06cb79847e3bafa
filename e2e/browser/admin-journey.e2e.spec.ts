import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import { SandboxConnector, startSandboxConnector } from '@otc/e2e-support';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, 'screenshots', new Date().toISOString().replace(/[:.]/g, '-'));
/**
 * The simulator picks its behaviour from the last four digits: ...0666 Vonage's anti-fraud blocks it,
 * ...0777's SMS fails. Each size uses its own numbers (same masks), so a search finds only its attempts.
 */
function numbersFor(prefix: string) {
  return {
    delivered: { phone: `+4474${prefix}23456`, masked: '+44•••••••56' },
    vonageBlocked: { phone: `+4474${prefix}20666`, masked: '+44•••••••66' },
    failed: { phone: `+4474${prefix}20777`, masked: '+44•••••••77' },
  };
}

const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, colorScheme: 'light' as const, numbers: numbersFor('001') },
  { name: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'dark' as const, numbers: numbersFor('002') },
];
const PARTS = /\((\d+) success \+ (\d+) blocked \+ (\d+) failed \+ (\d+) pending = (\d+) total\)/;

describe('An admin sets up, watches and manages the connector in a real browser', () => {
  let connector: SandboxConnector;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.stdout.write(`Browser e2e screenshots: ${SCREENSHOTS}\n`);
    connector = await startSandboxConnector();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await connector?.stop();
  });

  describe.each(SIZES)('at $name size ($viewport.width x $viewport.height, $colorScheme)', ({ name, viewport, colorScheme, numbers: NUMBERS }) => {
    let page: Page;
    let shot = 0;
    // Every Content-Security-Policy violation the page reports, and every console line about one.
    const violations: string[] = [];

    /** Every page gets a screenshot and an accessibility check: no serious or critical axe violation. */
    async function check(label: string): Promise<void> {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${String(++shot).padStart(2, '0')}-${label}.png`), fullPage: true });
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }

    async function nav(link: string): Promise<void> {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    }

    async function preview(phone: string, secret: string): Promise<void> {
      const answer = JSON.parse(await connector.cli(['okta', 'preview', '--phone', phone, '--token-secret', secret, '--url', connector.baseUrl]));
      expect(answer.status).toBe(200);
    }

    /** The attempt's row (a card on a phone) on the activity page, once its badge is final. */
    async function attemptBadge(number: { phone: string; masked: string }, expected: string): Promise<string[]> {
      const row = page.locator('tr.card-row', { hasText: number.masked }).first();
      for (let i = 0; i < 40; i++) {
        await page.goto(`${connector.baseUrl}/activity?q=${encodeURIComponent(number.phone)}`);
        await row.waitFor();
        const badges = await row.locator('.badge').allTextContents();
        if (badges.includes(expected)) return badges;
        await page.waitForTimeout(250);
      }
      return row.locator('.badge').allTextContents();
    }

    beforeAll(async () => {
      const context = await browser.newContext({ viewport, colorScheme });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: connector.baseUrl });
      page = await context.newPage();
      page.on('console', (message) => {
        if (/content security policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
      });
      await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
    });

    afterAll(async () => {
      await page?.context().close();
    });

    it('walks from sign-in through outcomes, search and a policy edit to a revoked token', async () => {
      await page.goto(connector.baseUrl);
      await page.getByRole('heading', { name: 'Connector admin sign-in' }).waitFor();
      expect(await page.title()).toBe('Admin sign-in · Okta Telephony Connector');
      await page.getByLabel('API key').fill(connector.credentials.apiKey);
      await page.getByLabel('API secret').fill('not-the-secret');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
      await check('sign-in');
      await page.getByLabel('API secret').fill(connector.credentials.apiSecret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.getByText(/sandbox mode/i).first().waitFor();
      expect(await page.title()).toBe('Dashboard · Okta Telephony Connector');
      await check('dashboard');

      // An empty submit: the summary takes focus and links to the field.
      await nav('Create token');
      await page.getByRole('button', { name: 'Create token' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'needs attention' });
      await summary.waitFor();
      expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
      await summary.getByRole('link', { name: /Name is required/ }).click();
      expect(await page.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByText(/Checked against the type the numbering plan gives every number/).waitFor();
      await check('create-token-errors');

      await page.getByLabel('Name', { exact: true }).fill(`Browser ${name}`);
      await page.getByRole('button', { name: 'Create token' }).click();
      const secretField = page.getByRole('textbox', { name: 'Token Secret' });
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      expect(secret).toMatch(/^otc_/);
      await page.getByRole('button', { name: 'Copy Token Secret' }).click();
      await page.getByText('Copied').first().waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
      await page.getByText('Okta needs public HTTPS.').waitFor();
      await check('token-created');

      // Leaving the one-time secret by a link asks first; staying keeps it on screen.
      await nav('Dashboard');
      const leave = page.getByRole('dialog', { name: 'Leave without the secret?' });
      await leave.waitFor();
      await check('secret-leave-warning');
      await leave.getByRole('button', { name: 'Cancel' }).click();
      expect(await secretField.inputValue()).toBe(secret);
      await page.getByRole('button', { name: 'I have copied the values' }).click();

      for (const number of Object.values(NUMBERS)) await preview(number.phone, secret);

      // The badge follows Vonage's verdict: never "Delivered" for a blocked or failed attempt.
      expect(await attemptBadge(NUMBERS.delivered, 'Delivered')).toEqual(['Delivered']);
      const blocked = await attemptBadge(NUMBERS.vonageBlocked, 'Blocked by Vonage');
      expect(blocked).toEqual(['Blocked by Vonage']);
      const failed = await attemptBadge(NUMBERS.failed, 'Delivery failed');
      expect(failed).toEqual(['Delivery failed']);
      for (const badge of [...blocked, ...failed]) expect(badge).not.toMatch(/success|delivered/i);
      // Searching by the full number finds only that number's attempt; the number itself is never shown.
      expect(await page.locator('tr.card-row').count()).toBe(1);
      expect(await page.getByText(NUMBERS.failed.phone, { exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: /Show reason for SMS/ }).click();
      await page.getByText(/Vonage: delivery failed/).waitFor();
      await check('activity-search-reason');

      await nav('Dashboard');
      const sms = page.getByRole('group', { name: 'SMS counters' });
      const parts = (await sms.getByText(PARTS).textContent())!.match(PARTS)!.slice(1).map(Number);
      expect(parts[0] + parts[1] + parts[2] + parts[3]).toBe(parts[4]);
      expect(Math.min(parts[0], parts[1], parts[2])).toBeGreaterThan(0);
      await page.getByRole('img', { name: /Attempts over the last 24 hours/ }).waitFor();
      // Estimated spend of the period, per token: the sends above are priced from the shipped table.
      const spend = page.getByRole('region', { name: 'Estimated spend' });
      await spend.getByRole('table', { name: 'Estimated spend by token, last 24 hours' }).getByRole('link', { name: `Browser ${name}` }).waitFor();
      await spend.getByText(/shipped indicative price table \(EUR, as of \d{4}-\d{2}-\d{2}\)/).waitFor();
      await check('dashboard-with-attempts');

      // A counter opens the activity page filtered to what it counts; the filters survive a reload.
      await sms.getByRole('link', { name: new RegExp(`^SMS Blocked: ${parts[1]},`) }).click();
      await page.getByRole('heading', { name: 'OTP activity' }).waitFor();
      await page.reload();
      await page.locator('tr.card-row', { hasText: NUMBERS.vonageBlocked.masked }).first().waitFor();
      expect(await page.locator('tr.card-row .badge').allTextContents()).toEqual(Array(parts[1]).fill('Blocked by Vonage'));
      expect(await page.title()).toBe('Activity · Okta Telephony Connector');
      await check('activity-filtered');

      // The token's page: facts, traffic and an in-place policy edit that keeps the secret.
      await nav('Tokens');
      await page.getByRole('link', { name: `Browser ${name}` }).click();
      await page.getByRole('heading', { name: `Browser ${name}`, level: 1 }).waitFor();
      await page.getByText('Revision 1').waitFor();
      await page.getByRole('region', { name: 'Estimated spend' }).getByText(/^\d{4}-\d{2} so far \(UTC\): .+; no monthly cap\.$/).waitFor();
      await check('token-detail');
      await page.getByRole('button', { name: 'Edit policy' }).click();
      await page.getByRole('group', { name: 'On flag' }).getByRole('radio', { name: 'Block' }).check();
      await page.getByLabel('Monthly spend cap (optional)').fill('100');
      await check('token-edit-policy');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText('Refuse the code').waitFor();
      await page.getByText('100 per calendar month (UTC), then codes are refused; alert at 80').waitFor();
      await page.getByRole('meter', { name: /so far \(UTC\): .+ of a .+100\.00 cap, alert at .+80\.00$/ }).waitFor();
      await check('token-spend-cap');
      await page.getByText(/Revision 2/).waitFor();
      await preview(NUMBERS.delivered.phone, secret);

      await nav('Tokens');
      await page.getByRole('button', { name: `Rotate Browser ${name}` }).click();
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await page.getByRole('textbox', { name: 'Token Secret' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Token Secret' }).inputValue()).not.toBe(secret);
      await page.getByRole('button', { name: 'I have copied the values' }).click();
      const graceRow = page.locator('tr.card-row', { hasText: 'Grace Period' }).filter({ hasText: `Browser ${name}` });
      await graceRow.waitFor();
      await graceRow.getByText(/^Replaced by [0-9a-f]{8}$/).waitFor();
      await check('tokens-rotated');

      await graceRow.getByRole('button', { name: /^Revoke/ }).click();
      await page.getByRole('dialog').getByText(/immediate/i).waitFor();
      await check('revoke-dialog');
      await page.getByRole('button', { name: 'Revoke token' }).click();
      await page.locator('tr.card-row', { hasText: 'Revoked' }).filter({ hasText: `Browser ${name}` }).waitFor();

      const afterRevoke = JSON.parse(
        await connector.cli(['okta', 'preview', '--phone', NUMBERS.delivered.phone, '--token-secret', secret, '--url', connector.baseUrl]).catch((e) => e.stdout),
      );
      expect(afterRevoke.status).toBe(401);

      await nav('Audit');
      await page.getByText('token.policy_updated').first().waitFor();
      await check('audit');
    });

    it('ran the whole journey under a strict Content-Security-Policy, never framed', async () => {
      const response = await page.goto(connector.baseUrl);
      const headers = response!.headers();
      expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      await page.waitForLoadState('networkidle');
      expect(violations).toEqual([]);
    });
  });
});
