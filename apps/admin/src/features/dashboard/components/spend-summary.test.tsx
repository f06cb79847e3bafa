import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SpendEstimateDto } from '@otc/contracts';
import { describe, expect, it } from 'vitest';
import { aDashboard, aToken, mockApi, renderApp, signedIn } from '../../../test/test-utils';

function anEstimate(overrides: Partial<SpendEstimateDto> = {}): SpendEstimateDto {
  return {
    from: '2025-01-01T10:00:00.000Z',
    to: '2025-01-02T10:00:00.000Z',
    prices: { currency: 'EUR', asOf: '2026-11-26', source: 'indicative', file: null },
    spend: 12.5,
    spendAvoided: 260,
    byToken: [{ tokenId: 'tok-1111-2222', tokenShortId: 'ab12cd34', tokenName: 'Okta production', spend: 12.5, spendAvoided: 260 }],
    lines: [
      { country: 'GB', channel: 'SMS', sent: 300, refused: 0, unitPrice: 0.04, spend: 12, spendAvoided: 0 },
      { country: 'UZ', channel: 'SMS', sent: 2, refused: 1000, unitPrice: 0.26, spend: 0.5, spendAvoided: 260 },
    ],
    ...overrides,
  };
}

describe('dashboard spend', () => {
  it("should show the period's estimated spend and spend avoided, per token and for the costliest destinations, and follow the period", async () => {
    signedIn();
    const api = mockApi({
      'GET /v1/admin/dashboard': aDashboard(),
      'GET /v1/admin/tokens': [aToken()],
      'GET /v1/admin/spend': anEstimate(),
    });
    renderApp('/');

    const section = await screen.findByRole('region', { name: 'Estimated spend' });
    const totals = await within(section).findByLabelText('Estimated spend, last 24 hours');
    expect(totals).toHaveTextContent(/Est\. spend€12\.50/);
    expect(totals).toHaveTextContent(/Est\. spend avoided€260\.00/);
    const byToken = within(section).getByRole('table', { name: 'Estimated spend by token, last 24 hours' });
    expect(within(byToken).getByRole('link', { name: 'Okta production' })).toHaveAttribute('href', '/tokens/tok-1111-2222');
    const places = within(section).getByRole('table', { name: 'Costliest destinations, last 24 hours' });
    const [, first] = within(places).getAllByRole('row');
    expect(first).toHaveTextContent(/UZ.*SMS.*2.*1,000.*€0\.26.*€0\.50.*€260\.00/);
    expect(section).toHaveTextContent(/shipped indicative price table \(EUR, as of 2026-11-26\)/);
    expect(api.requests('GET', '/v1/admin/spend')[0].url.searchParams.get('period')).toBe('24h');

    await userEvent.setup().selectOptions(screen.getByLabelText('Period'), '7d');
    await within(section).findByRole('table', { name: 'Estimated spend by token, last 7 days' });
    expect(api.requests('GET', '/v1/admin/spend').some((r) => r.url.searchParams.get('period') === '7d')).toBe(true);
  });
});
