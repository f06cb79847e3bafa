import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aDashboard, anActivity, anAuthEvent, aToken, mockApi, renderApp, signedIn } from '../../test/test-utils';

describe('dashboard', () => {
  it('should show the six counters, conversion, chart and recent activity with status badges', async () => {
    signedIn();
    const api = mockApi({
      'GET /v1/admin/dashboard': aDashboard({
        recentActivity: [
          anActivity(),
          anActivity({
            id: 'act-2',
            status: 'FLAGGED',
            reasonCode: 'NETWORK_TYPE_NOT_ALLOWED',
            description: 'Delivered with flags.',
            flags: [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: 'VIRTUAL' }],
          }),
          anActivity({ id: 'act-3', status: 'FAILED', reasonCode: 'DELIVERY_FAILED' }),
          anActivity({ id: 'act-4', status: 'BLOCKED', reasonCode: 'COUNTRY_NOT_ALLOWED', channel: 'VOICE' }),
        ],
        recentAuthEvents: [anAuthEvent()],
        series: [
          { bucket: '2025-01-02T09:00:00.000Z', channel: 'SMS', status: 'SUCCESS', count: 5 },
          { bucket: '2025-01-02T09:00:00.000Z', channel: 'VOICE', status: 'BLOCKED', count: 1 },
        ],
      }),
      'GET /v1/admin/tokens': [aToken(), aToken({ id: 'tok-2', name: 'Old', status: 'GRACE_PERIOD' }), aToken({ id: 'tok-3', name: 'Gone', status: 'REVOKED' })],
    });
    renderApp('/');

    const counters = await screen.findByRole('list', { name: 'Delivery counters' });
    for (const [label, value] of [['Total SMS', '42'], ['SMS Success', '37'], ['SMS Blocked', '3'], ['Total Voice', '9'], ['Voice Success', '8'], ['Voice Blocked', '1']]) {
      expect(within(counters).getByText(label).parentElement).toHaveTextContent(`${label}${value}`);
    }
    expect(screen.getByText('75%')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Deliveries over the last 24 hours by channel and status: SMS 5 \(5 success/ })).toBeInTheDocument();

    const activity = screen.getByRole('table', { name: 'Recent OTP activity' });
    for (const status of ['SUCCESS', 'FLAGGED', 'FAILED', 'BLOCKED']) expect(within(activity).getByText(status)).toHaveClass('badge');
    expect(within(activity).getByText('FLAGGED')).toHaveClass('badge--warning');
    expect(within(activity).getByText('SUCCESS')).toHaveClass('badge--success');

    const events = screen.getByRole('table', { name: 'Recent Okta authentication events' });
    expect(within(events).getByText('okta-req-9')).toBeInTheDocument();

    const tokens = await screen.findByRole('table', { name: 'Tokens' });
    expect(within(tokens).getByText('Active')).toBeInTheDocument();
    expect(within(tokens).getByText('Grace Period')).toBeInTheDocument();
    expect(within(tokens).getByText('Revoked')).toBeInTheDocument();
    expect(api.requests('GET', '/v1/admin/dashboard')[0].url.search).toBe('?period=24h');
  });

  it('should reveal the full reason and flags behind the eye button', async () => {
    signedIn();
    mockApi({
      'GET /v1/admin/dashboard': aDashboard({
        recentActivity: [
          anActivity({ status: 'FLAGGED', reasonCode: 'NETWORK_TYPE_NOT_ALLOWED', description: 'Delivered with flags.', flags: [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: 'VIRTUAL' }] }),
        ],
      }),
      'GET /v1/admin/tokens': [],
    });
    renderApp('/');
    const user = userEvent.setup();

    const eye = await screen.findByRole('button', { name: /Show reason for SMS to \+44 77\*\* \*\*\*123/ });
    expect(eye).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Delivered with flags.')).not.toBeInTheDocument();

    await user.click(eye);

    expect(eye).toHaveAttribute('aria-expanded', 'true');
    expect(eye).toHaveAccessibleName(/Hide reason/);
    expect(screen.getByText('Delivered with flags.')).toBeVisible();
    expect(screen.getByText('Flags')).toBeVisible();
    expect(screen.getAllByText(/is not allowed by the token's policy/).length).toBeGreaterThan(0);
    expect(screen.getByText(/\(VIRTUAL\)/)).toBeInTheDocument();
  });

  it('should tell a new admin what to do next when nothing has happened yet', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/dashboard': aDashboard({ counters: { totalSms: 0, smsSuccess: 0, smsBlocked: 0, totalVoice: 0, voiceSuccess: 0, voiceBlocked: 0 } }), 'GET /v1/admin/tokens': [] });
    renderApp('/');

    expect(await screen.findByText('No OTPs yet: create a token and paste its values into Okta.')).toBeInTheDocument();
    expect(screen.getByText('No Okta authentication events yet.')).toBeInTheDocument();
    expect(screen.getByText('No deliveries in this period.')).toBeInTheDocument();
    expect(await screen.findByText('No tokens yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create your first token' })).toHaveAttribute('href', '/tokens/new');
  });

  it('should show the sandbox banner in sandbox mode', async () => {
    signedIn('sandbox');
    mockApi({
      'GET /health/ready': { status: 'ok', mode: 'sandbox', checks: {} },
      'GET /v1/admin/dashboard': aDashboard({ mode: 'sandbox' }),
      'GET /v1/admin/tokens': [],
      'GET /v1/sandbox/messages': { items: [{ requestId: 'sim-1', channel: 'sms', destination: '+44•••••••23', brand: 'Acme', sentAt: '2025-01-02T10:00:00.000Z' }], nextCursor: null },
    });
    renderApp('/');

    expect(await screen.findByRole('note', { name: 'Sandbox mode' })).toHaveTextContent('Sandbox mode: no real SMS or calls are sent');
    expect(await screen.findByText('sim-1')).toBeInTheDocument();
  });
});
