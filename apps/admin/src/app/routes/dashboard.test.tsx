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
          anActivity({ deliveryState: 'CONVERTED', convertedAt: '2025-01-02T10:00:30.000Z' }),
          anActivity({
            id: 'act-2',
            status: 'FLAGGED',
            reasonCode: 'NETWORK_TYPE_NOT_ALLOWED',
            description: 'Delivered with flags.',
            flags: [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: 'VIRTUAL' }],
          }),
          anActivity({ id: 'act-3', status: 'SUCCESS', reasonCode: 'DELIVERY_FAILED', deliveryState: 'FAILED' }),
          anActivity({ id: 'act-4', status: 'BLOCKED', reasonCode: 'COUNTRY_NOT_ALLOWED', channel: 'VOICE' }),
          anActivity({ id: 'act-5', status: 'SUCCESS', reasonCode: 'VONAGE_BLOCKED', deliveryState: 'BLOCKED_BY_VONAGE' }),
        ],
        recentAuthEvents: [anAuthEvent()],
        series: [
          { bucket: '2025-01-02T09:00:00.000Z', channel: 'SMS', outcome: 'DELIVERED', count: 5 },
          { bucket: '2025-01-02T09:00:00.000Z', channel: 'VOICE', outcome: 'REFUSED_POLICY', count: 1 },
        ],
      }),
      'GET /v1/admin/tokens': [aToken(), aToken({ id: 'tok-2', name: 'Old', status: 'GRACE_PERIOD' }), aToken({ id: 'tok-3', name: 'Gone', status: 'REVOKED' })],
    });
    renderApp('/');

    const counters = await screen.findByRole('region', { name: 'Delivery counters' });
    for (const [label, value] of [['Total SMS', '42'], ['SMS Success', '37'], ['SMS Blocked', '3'], ['Total Voice', '9'], ['Voice Success', '8'], ['Voice Blocked', '1']]) {
      expect(within(counters).getByRole('link', { name: `${label}: ${value}, show these attempts` })).toBeInTheDocument();
    }
    expect(screen.getByText('75%')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Attempts over the last 24 hours by channel and status: SMS 5 \(5 delivered\); Voice 1 \(1 refused by policy\)/ })).toBeInTheDocument();

    const activity = screen.getByRole('table', { name: 'Recent OTP activity' });
    expect(within(activity).getByText('Delivered', { selector: '.badge' })).toHaveClass('badge--success');
    expect(within(activity).getByText('Delivered, flagged', { selector: '.badge' })).toHaveClass('badge--warning');
    expect(within(activity).getByText('Delivery failed', { selector: '.badge' })).toHaveClass('badge--danger');
    expect(within(activity).getByText('Refused by policy', { selector: '.badge' })).toHaveClass('badge--blocked');
    expect(within(activity).getByText('Blocked by Vonage', { selector: '.badge' })).toHaveClass('badge--danger');
    expect(within(activity).getAllByText(/^Delivered/, { selector: '.badge' })).toHaveLength(2);
    expect(within(activity).getAllByText(/^Code used/)).toHaveLength(1);

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
    expect(screen.queryByText(/is not allowed by the token's policy/)).not.toBeInTheDocument();

    await user.click(eye);

    expect(eye).toHaveAttribute('aria-expanded', 'true');
    expect(eye).toHaveAccessibleName(/Hide reason/);
    // Each reason once, in words; no raw delivery states.
    expect(screen.getAllByText(/is not allowed by the token's policy/)).toHaveLength(1);
    expect(screen.getByText(/\(VIRTUAL\)/)).toBeVisible();
    expect(screen.getByText(/Vonage: delivered to the phone/)).toBeVisible();
    expect(screen.queryByText(/DELIVERED$/)).not.toBeInTheDocument();
  });

  it('should show failed, pending and flagged beside the headline counters so the parts add up, each opening the filtered activity', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/dashboard': aDashboard(), 'GET /v1/admin/tokens': [] });
    renderApp('/');

    const sms = await screen.findByRole('group', { name: 'SMS counters' });
    expect(sms).toHaveTextContent('1 failed');
    expect(sms).toHaveTextContent('1 pending');
    expect(sms).toHaveTextContent('7 of the successes flagged');
    expect(sms).toHaveTextContent('(37 success + 3 blocked + 1 failed + 1 pending = 42 total)');
    const blocked = within(sms).getByRole('link', { name: /^SMS Blocked/ });
    const url = new URL(blocked.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/activity');
    expect(url.searchParams.get('channel')).toBe('SMS');
    expect(url.searchParams.get('outcome')).toBe('REFUSED_POLICY,REFUSED_FRAUD_GUARD,BLOCKED_BY_VONAGE');
    expect(url.searchParams.get('from')).toBe('2025-01-01T10:00:00.000Z');
    expect(within(sms).getByRole('link', { name: '1 failed' })).toHaveAttribute('href', expect.stringContaining('outcome=DELIVERY_FAILED'));
  });

  it('should tell a new admin what to do next when nothing has happened yet', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/dashboard': aDashboard({ counters: { totalSms: 0, smsSuccess: 0, smsBlocked: 0, totalVoice: 0, voiceSuccess: 0, voiceBlocked: 0 } }), 'GET /v1/admin/tokens': [] });
    renderApp('/');

    expect(await screen.findByText('No OTPs yet: create a token and paste its values into Okta.')).toBeInTheDocument();
    expect(screen.getByText('No Okta authentication events yet.')).toBeInTheDocument();
    expect(screen.getByText('No attempts in this period.')).toBeInTheDocument();
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
