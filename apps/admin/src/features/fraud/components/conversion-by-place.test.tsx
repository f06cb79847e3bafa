import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConversionByPlaceDto, PlaceFloorsDto } from '@otc/contracts';
import { describe, expect, it } from 'vitest';
import type { MockRequest } from '../../../test/test-utils';
import { aToken, json, mockApi, renderApp, signedIn } from '../../../test/test-utils';

const UNPROVEN_FLOORS: PlaceFloorsDto = { windowMinutes: 10, perCountry: 25, perPrefix: 10, newNumbersPerCountry: 6, newNumbersPerPrefix: 2, newNumbersAllUnproven: 25, conversionWidening: 1 };
const PROVEN_FLOORS: PlaceFloorsDto = { ...UNPROVEN_FLOORS, newNumbersPerCountry: null, newNumbersPerPrefix: null, newNumbersAllUnproven: null };

function aReport(tokenId: string | null = null): ConversionByPlaceDto {
  return {
    period: { from: '2026-11-13T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z' },
    tokenId,
    total: { attempts: 440, sent: 418, converted: 103, rate: 103 / 418 },
    byCountry: [
      {
        country: 'UZ',
        attempts: 320,
        sent: 300,
        converted: 3,
        rate: 0.01,
        lowConversion: true,
        baselines: [{ tokenId: 'tok-1111-2222', mode: 'ENFORCE', proven: false, lastConvertedAt: null, floors: UNPROVEN_FLOORS }],
      },
      {
        country: 'GB',
        attempts: 120,
        sent: 118,
        converted: 100,
        rate: 100 / 118,
        lowConversion: false,
        baselines: [{ tokenId: 'tok-1111-2222', mode: 'ENFORCE', proven: true, lastConvertedAt: '2026-11-20T11:58:00.000Z', floors: PROVEN_FLOORS }],
      },
    ],
    byChannel: [
      { channel: 'SMS', attempts: 400, sent: 380, converted: 95, rate: 0.25 },
      { channel: 'VOICE', attempts: 40, sent: 38, converted: 8, rate: 8 / 38 },
    ],
    byRequestKind: [
      { requestKind: 'ENROLLMENT', attempts: 330, sent: 310, converted: 10, rate: 10 / 310 },
      { requestKind: 'VERIFICATION', attempts: 110, sent: 108, converted: 93, rate: 93 / 108 },
    ],
  };
}

function mockFraudPage(conversion: (request: MockRequest) => Response) {
  return mockApi({
    'GET /v1/admin/tokens': [aToken()],
    'GET /v1/admin/fraud/refusals': { items: [], nextCursor: null },
    'GET /v1/admin/fraud/shadow': [],
    'GET /v1/admin/fraud/trusted': [],
    'GET /v1/admin/fraud/conversion': conversion,
  });
}

describe('conversion by place on the fraud page', () => {
  it("should list every country riskiest first, mark low conversion, explain the guard's baseline, and describe the chart in words", async () => {
    signedIn();
    const api = mockFraudPage(() => json(aReport()));
    renderApp('/fraud');

    const table = await screen.findByRole('table', { name: 'Conversion by country' });
    const [, uz, gb] = within(table).getAllByRole('row');
    expect(uz).toHaveClass('card-row--alert');
    expect(within(uz).getByText('Low conversion')).toBeInTheDocument();
    expect(uz).toHaveTextContent('Uzbekistan');
    expect(within(uz).getAllByRole('cell').slice(1, 5).map((c) => c.textContent)).toEqual(['320', '300', '3', '1%']);
    expect(uz).toHaveTextContent('Okta production (tok_1111) Never converted no conversion in 90 days');
    expect(uz).toHaveTextContent('Refuses past 25 unused numbers per country, 10 per prefix in 10 min; new numbers 6 per country, 2 per prefix, 25 across unproven countries');
    expect(gb).not.toHaveClass('card-row--alert');
    expect(within(gb).getByText('Proven')).toBeInTheDocument();
    expect(gb).toHaveTextContent('84.7%');
    expect(gb).not.toHaveTextContent('new numbers');

    expect(screen.getByRole('img', { name: /^Codes sent by country over the last 7 days, most unused first: UZ 300 sent, 3 converted \(1%\), low conversion; GB 118 sent, 100 converted \(84\.7%\)\. All countries: 24\.6% converted\.$/ })).toBeInTheDocument();
    expect(screen.getByText('Last 7 days, all tokens: 418 sent, 103 converted (24.6%).', { exact: false })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Conversion by channel' })).getByRole('row', { name: /Voice 40 38 8 21.1%/ })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Conversion by request type' })).getByRole('row', { name: /Enrollment \(new numbers\) 330 310 10 3.2%/ })).toBeInTheDocument();

    const [request] = api.requests('GET', '/v1/admin/fraud/conversion');
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ period: '7d' });
  });

  it('should ask again for another period and token, keep both in the URL, and drop the token name from each baseline', async () => {
    signedIn();
    const api = mockFraudPage((request) => json(aReport(request.url.searchParams.get('tokenId'))));
    const { router } = renderApp('/fraud');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Conversion by country' });

    await user.selectOptions(screen.getByLabelText('Period', { selector: '#conversion-period' }), 'Last 30 days');
    await user.selectOptions(screen.getByLabelText('Token', { selector: '#conversion-token' }), 'Okta production (tok_1111)');
    await waitFor(() => expect(api.requests('GET', '/v1/admin/fraud/conversion').map((r) => r.url.search)).toContain('?period=30d&tokenId=tok-1111-2222'));
    expect(router.state.location.search).toBe('?period=30d&token=tok-1111-2222');
    const table = screen.getByRole('table', { name: 'Conversion by country' });
    await waitFor(() => expect(within(table).getAllByRole('row')[1]).not.toHaveTextContent('Okta production'));
    expect(screen.getByText('Last 30 days, Okta production (tok_1111): 418 sent, 103 converted (24.6%).', { exact: false })).toBeInTheDocument();
  });

  it('should say when the period has no attempts, and show an error the API gives', async () => {
    signedIn();
    mockFraudPage((request) =>
      request.url.searchParams.get('period') === '24h'
        ? json({ statusCode: 400, error: 'Bad Request', message: 'period must be one of the following values: 24h, 7d, 30d', fields: [{ field: 'period', message: 'x' }] }, 400)
        : json({ ...aReport(), total: { attempts: 0, sent: 0, converted: 0, rate: null }, byCountry: [], byRequestKind: [] }),
    );
    const { router } = renderApp('/fraud');
    expect(await screen.findByText('No attempts in this period.')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /Codes sent by country/ })).not.toBeInTheDocument();

    await router.navigate('/fraud?period=24h');
    expect((await screen.findByText(/Conversion by place could not be loaded/)).closest('[role="alert"]')).toHaveTextContent('period must be one of the following values');
  });
});
