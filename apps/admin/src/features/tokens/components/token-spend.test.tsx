import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SpendEstimateDto, TokenPolicy } from '@otc/contracts';
import { describe, expect, it } from 'vitest';
import { aToken, apiError, json, mockApi, renderApp, signedIn } from '../../../test/test-utils';

const STATS = { from: '2025-01-01T10:00:00.000Z', to: '2025-01-31T10:00:00.000Z', attempts: 40, refused: 4, refusalRate: 0.1, sent: 30, converted: 24, conversionRate: 0.8 };

function anEstimate(monthToDate: SpendEstimateDto['monthToDate']): SpendEstimateDto {
  return {
    from: STATS.from,
    to: STATS.to,
    prices: { currency: 'EUR', asOf: '2026-11-26', source: 'indicative', file: null },
    spend: 51.2,
    spendAvoided: 8.4,
    byToken: [],
    lines: [],
    monthToDate,
  };
}

describe('token spend', () => {
  it("should show the token's estimated spend, what refusals saved, and the month so far against its cap", async () => {
    signedIn();
    const token = aToken({ policy: { ...aToken().policy, spend: { monthlyCap: 50, alertAt: null } } });
    const api = mockApi({
      'GET /v1/admin/tokens/tok-1111-2222': token,
      'GET /v1/admin/tokens/tok-1111-2222/stats': STATS,
      'GET /v1/admin/spend': anEstimate({ month: '2026-11', spend: 50.04, monthlyCap: 50, alertAt: 40, capReached: true }),
    });
    renderApp('/tokens/tok-1111-2222');

    const section = await screen.findByRole('region', { name: 'Estimated spend' });
    expect(await within(section).findByLabelText('Estimated spend, last 30 days')).toHaveTextContent(/Est\. spend, 30 days€51\.20.*Est\. spend avoided, 30 days€8\.40/);
    expect(within(section).getByRole('meter', { name: '2026-11 so far (UTC): €50.04 of a €50.00 cap, alert at €40.00' })).toHaveAttribute('value', '1');
    expect(within(section).getByRole('status')).toHaveTextContent("Cap reached: this token's codes are refused (SPEND_CAP_REACHED)");
    const [request] = api.requests('GET', '/v1/admin/spend');
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ period: '30d', tokenId: 'tok-1111-2222' });
    expect(screen.getByText('50 per calendar month (UTC), then codes are refused; alert at 40')).toBeInTheDocument();
  });

  it('should edit the monthly cap in the policy editor, naming a bad amount before anything is sent', async () => {
    signedIn();
    let token = aToken();
    const api = mockApi({
      'GET /v1/admin/tokens/tok-1111-2222': () => json(token),
      'GET /v1/admin/tokens/tok-1111-2222/stats': STATS,
      'GET /v1/admin/spend': anEstimate({ month: '2026-11', spend: 3, monthlyCap: null, alertAt: null, capReached: false }),
      'PATCH /v1/admin/tokens/tok-1111-2222/policy': ({ body }: { body: { policy: TokenPolicy } }) => {
        if (body.policy.spend?.monthlyCap === 999_999_999) return apiError(400, 'Invalid policy', [{ field: 'policy.spend.monthlyCap', message: 'spend.monthlyCap must be at most 10000000' }]);
        token = { ...token, policy: body.policy, policyRevision: 2 };
        return json(token);
      },
    });
    renderApp('/tokens/tok-1111-2222');
    const user = userEvent.setup();
    expect(await screen.findByText('2026-11 so far (UTC): €3.00; no monthly cap.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit policy' }));
    const cap = screen.getByLabelText('Monthly spend cap (optional)');
    await user.type(cap, 'fifty');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByRole('link', { name: /^Monthly spend cap must be a number above 0/ })).toBeInTheDocument();
    expect(cap).toHaveAttribute('aria-invalid', 'true');
    expect(api.requests('PATCH', '/v1/admin/tokens/tok-1111-2222/policy')).toHaveLength(0);

    await user.clear(cap);
    await user.type(cap, '50');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('50 per calendar month (UTC), then codes are refused; alert at 40')).toBeInTheDocument();
    const [patch] = api.requests('PATCH', '/v1/admin/tokens/tok-1111-2222/policy');
    expect(patch.body).toMatchObject({ policy: { spend: { monthlyCap: 50, alertAt: null } } });
  });
});
