import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aDashboard, apiError, aToken, mockApi, renderApp, signedIn } from '../test/test-utils';

describe('session', () => {
  it('should send a signed-out visitor to sign-in', async () => {
    mockApi({});
    renderApp('/activity');
    expect(await screen.findByRole('heading', { name: 'Connector admin sign-in' })).toBeInTheDocument();
  });

  it('should return to sign-in with the expiry message when a query answers 401', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/dashboard': apiError(401, 'Unauthorized'), 'GET /v1/admin/tokens': [] });
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Connector admin sign-in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session has expired. Sign in again.');
    expect(sessionStorage.getItem('otc.admin.session')).toBeNull();
  });

  it('should return to sign-in with the expiry message when a mutation answers 401', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/tokens': [aToken()], 'POST /v1/admin/tokens/tok-1111-2222/revoke': apiError(401, 'Unauthorized') });
    renderApp('/tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Revoke Okta production' }));
    await user.click(screen.getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText('Your session has expired. Sign in again.')).toBeInTheDocument();
    expect(screen.getByLabelText('API key')).toBeInTheDocument();
  });

  it('should sign out through the API and drop the token', async () => {
    signedIn();
    const api = mockApi({ 'GET /v1/admin/dashboard': aDashboard(), 'GET /v1/admin/tokens': [], 'POST /v1/admin/logout': () => new Response(null, { status: 204 }) });
    renderApp('/');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Connector admin sign-in' })).toBeInTheDocument();
    expect(api.requests('POST', '/v1/admin/logout')[0].headers.get('Authorization')).toBe('Bearer test-access-token');
    expect(sessionStorage.getItem('otc.admin.session')).toBeNull();
    expect(screen.queryByText('Your session has expired. Sign in again.')).not.toBeInTheDocument();
  });
});
