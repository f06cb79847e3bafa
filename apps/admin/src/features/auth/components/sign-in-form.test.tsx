import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aDashboard, apiError, json, mockApi, renderApp } from '../../../test/test-utils';

async function fillAndSubmit(key = 'admin-key', secret = 'admin-secret') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('API key'), key);
  await user.type(screen.getByLabelText('API secret'), secret);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  it('should sign in, keep the token in sessionStorage and open the dashboard', async () => {
    const api = mockApi({
      'POST /v1/admin/login': json({ accessToken: 'jwt-1', expiresAt: new Date(Date.now() + 3600_000).toISOString(), mode: 'live' }),
      'GET /v1/admin/dashboard': aDashboard(),
      'GET /v1/admin/tokens': [],
    });
    renderApp('/sign-in');
    expect(screen.getByRole('heading', { name: 'Connector admin sign-in' })).toBeInTheDocument();

    await fillAndSubmit();

    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
    expect(api.requests('POST', '/v1/admin/login')[0].body).toEqual({ apiKey: 'admin-key', apiSecret: 'admin-secret' });
    expect(sessionStorage.getItem('otc.admin.session')).toContain('jwt-1');
    await waitFor(() => expect(api.requests('GET', '/v1/admin/dashboard')[0].headers.get('Authorization')).toBe('Bearer jwt-1'));
  });

  it('should say the key or secret is wrong on 401 and stay on sign-in', async () => {
    mockApi({ 'POST /v1/admin/login': apiError(401, 'Unauthorized') });
    renderApp('/sign-in');

    await fillAndSubmit('admin-key', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('The API key or secret is not right.');
    expect(screen.getByRole('heading', { name: 'Connector admin sign-in' })).toBeInTheDocument();
    expect(sessionStorage.getItem('otc.admin.session')).toBeNull();
  });

  it('should ask the admin to wait when sign-in is throttled', async () => {
    mockApi({ 'POST /v1/admin/login': () => json({ statusCode: 429, error: 'Too Many Requests', message: 'ThrottlerException' }, 429, { 'Retry-After': '30' }) });
    renderApp('/sign-in');

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Wait 30 seconds and try again.');
  });

  it('should tell the admin where sandbox credentials are in sandbox mode', async () => {
    mockApi({ 'GET /health/ready': { status: 'ok', mode: 'sandbox', checks: {} } });
    renderApp('/sign-in');

    expect(await screen.findByText(/sandbox API key and secret were printed in the connector's console/)).toBeInTheDocument();
    expect(screen.getByText(/no real SMS or calls are sent/)).toBeInTheDocument();
  });
});
