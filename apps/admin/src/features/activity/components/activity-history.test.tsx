import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { anActivity, aToken, json, mockApi, renderApp, signedIn, type MockRequest } from '../../../test/test-utils';

function lastQuery(api: ReturnType<typeof mockApi>): URLSearchParams {
  const requests = api.requests('GET', '/v1/admin/activity');
  return requests[requests.length - 1].url.searchParams;
}

describe('activity history', () => {
  it('should put the chosen filters on the request', async () => {
    signedIn();
    const api = mockApi({
      'GET /v1/admin/activity': { items: [anActivity()], nextCursor: null },
      'GET /v1/admin/auth-events': { items: [], nextCursor: null },
      'GET /v1/admin/tokens': [aToken()],
    });
    renderApp('/activity');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'OTP activity history' });
    expect(lastQuery(api).toString()).toBe('limit=50');

    await user.selectOptions(screen.getByLabelText('Status'), 'Delivery failed');
    await user.selectOptions(screen.getByLabelText('Channel'), 'SMS');
    await user.selectOptions(await screen.findByLabelText('Token'), 'Okta production (tok_1111)');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01-01T08:30' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-01-02T18:00' } });

    await waitFor(() => expect(lastQuery(api).get('to')).not.toBeNull());
    const query = lastQuery(api);
    expect(query.get('limit')).toBe('50');
    expect(query.get('outcome')).toBe('DELIVERY_FAILED');
    expect(query.get('channel')).toBe('SMS');
    expect(query.get('tokenId')).toBe('tok-1111-2222');
    expect(query.get('from')).toBe(new Date('2025-01-01T08:30').toISOString());
    expect(query.get('to')).toBe(new Date('2025-01-02T18:00').toISOString());
    expect(query.has('cursor')).toBe(false);
  });

  it('should load the next page with the cursor', async () => {
    signedIn();
    const api = mockApi({
      'GET /v1/admin/activity': ({ url }: MockRequest) =>
        url.searchParams.get('cursor') === 'c2'
          ? json({ items: [anActivity({ id: 'act-2', destination: '+1 555 ***0002' })], nextCursor: null })
          : json({ items: [anActivity()], nextCursor: 'c2' }),
      'GET /v1/admin/auth-events': { items: [], nextCursor: null },
      'GET /v1/admin/tokens': [],
    });
    renderApp('/activity');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('+1 555 ***0002')).toBeInTheDocument();
    expect(lastQuery(api).get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('should download the CSV export with the bearer header and the same filters', async () => {
    signedIn();
    // jsdom has neither object URLs nor navigation for downloads.
    const { createObjectURL: originalCreate, revokeObjectURL: originalRevoke } = URL;
    const createObjectURL = vi.fn(() => 'blob:csv');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    onTestFinished(() => {
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const api = mockApi({
      'GET /v1/admin/activity': { items: [], nextCursor: null },
      'GET /v1/admin/activity/export': () => new Response('time,destination\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="activity.csv"' } }),
      'GET /v1/admin/auth-events': { items: [], nextCursor: null },
      'GET /v1/admin/tokens': [],
    });
    renderApp('/activity');
    const user = userEvent.setup();

    expect(await screen.findByText('No OTPs yet: create a token and paste its values into Okta.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'Blocked or refused (any reason)');
    expect(await screen.findByText('No activity matches these filters.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('activity.csv');
    const request = api.requests('GET', '/v1/admin/activity/export')[0];
    expect(request.headers.get('Authorization')).toBe('Bearer test-access-token');
    expect(request.url.searchParams.get('outcome')).toBe('REFUSED_POLICY,REFUSED_FRAUD_GUARD,BLOCKED_BY_VONAGE');
  });

  it("should open one attempt's full reason under its row, and close it again", async () => {
    signedIn();
    mockApi({
      'GET /v1/admin/activity': {
        items: [anActivity(), anActivity({ id: 'act-2', destination: '+1 555 ***0002', reasonCode: 'COUNTRY_NOT_ALLOWED', deliveryState: null, verifyRequestId: null, facts: { country: 'US', networkType: null, carrier: null, insightsMs: null } })],
        nextCursor: null,
      },
      'GET /v1/admin/auth-events': { items: [], nextCursor: null },
      'GET /v1/admin/tokens': [],
    });
    renderApp('/activity');
    const user = userEvent.setup();
    const show = await screen.findByRole('button', { name: /^Show reason for SMS to \+1 555 \*\*\*0002 at / });
    expect(screen.queryByText(/Country: US/)).not.toBeInTheDocument();

    await user.click(show);
    const hide = screen.getByRole('button', { name: /^Hide reason for SMS to \+1 555 \*\*\*0002 at / });
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById(hide.getAttribute('aria-controls')!)).toHaveTextContent('Country: US · Network: not looked up · Carrier: not looked up');
    expect(screen.queryByText(/Country: GB/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Show reason for SMS to \+44 77\*\* \*\*\*123 at / })).toHaveAttribute('aria-expanded', 'false');

    await user.click(hide);
    expect(screen.queryByText(/Country: US/)).not.toBeInTheDocument();
  });
});
