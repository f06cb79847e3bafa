import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aCreatedToken, aToken, json, mockApi, renderApp, signedIn } from '../../../test/test-utils';

const STATS = { from: '2025-01-01T10:00:00.000Z', to: '2025-01-31T10:00:00.000Z', attempts: 40, refused: 4, refusalRate: 0.1, sent: 30, converted: 24, conversionRate: 0.8 };

describe('token detail', () => {
  it('should show the facts, traffic and lineage, and save an edited policy as the next revision', async () => {
    signedIn();
    let token = aToken({ rotatedFromId: 'tok-old', lastUsedAt: '2025-01-02T10:00:00.000Z' });
    const api = mockApi({
      'GET /v1/admin/tokens/tok-1111-2222': () => json(token),
      'GET /v1/admin/tokens/tok-1111-2222/stats': STATS,
      'PATCH /v1/admin/tokens/tok-1111-2222/policy': ({ body }: { body: { policy: typeof token.policy } }) => {
        token = { ...token, policy: body.policy, policyRevision: 2, policyUpdatedAt: '2025-01-03T10:00:00.000Z' };
        return json(token);
      },
    });
    renderApp('/tokens/tok-1111-2222');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'Okta production', level: 1 })).toBeInTheDocument();
    expect(document.title).toBe('Token Okta production · Okta Telephony Connector');
    expect(screen.getByText('10%')).toBeInTheDocument();
    expect(screen.getByText('80%')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'the previous token' })).toHaveAttribute('href', '/tokens/tok-old');
    expect(screen.getByText('Deliver and show as flagged')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit policy' }));
    await user.click(within(screen.getByRole('group', { name: 'On flag' })).getByRole('radio', { name: 'Block' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Refuse the code')).toBeInTheDocument();
    expect(screen.getByText(/Revision 2/)).toBeInTheDocument();
    const [patch] = api.requests('PATCH', '/v1/admin/tokens/tok-1111-2222/policy');
    expect(patch.body).toMatchObject({ revision: 1, policy: { onFlag: 'BLOCK', expiresIn: '90d' } });
  });
});

describe('one-time secret', () => {
  it('should ask before a link leaves the secret, and stay when the admin cancels', async () => {
    signedIn();
    mockApi({ 'POST /v1/admin/tokens': json(aCreatedToken(aToken({ name: 'Okta prod' })), 201), 'GET /v1/admin/tokens': [], 'GET /v1/admin/dashboard': {} });
    renderApp('/tokens/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Okta prod');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByRole('textbox', { name: 'Token Secret' });

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Tokens' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without the secret?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Token Secret' })).toHaveValue('otc_s3cr3t-value');
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(true);

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Tokens' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave and lose the secret' }));
    expect(await screen.findByRole('heading', { name: 'Tokens', level: 1 })).toBeInTheDocument();
  });

  it('should warn that Okta needs public HTTPS when the webhook URLs are plain http or local', async () => {
    signedIn();
    const created = { ...aCreatedToken(), telephonyWebhookUrl: 'http://localhost:3000/v1/hooks/okta/telephony', eventWebhookUrl: 'http://localhost:3000/v1/hooks/okta/events' };
    mockApi({ 'POST /v1/admin/tokens': json(created, 201) });
    renderApp('/tokens/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Okta prod');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByText('Okta needs public HTTPS.')).toBeInTheDocument();
    expect(screen.getByText(/points at localhost/)).toBeInTheDocument();
  });
});
