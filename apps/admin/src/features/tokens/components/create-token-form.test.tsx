import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '@otc/contracts';
import { aCreatedToken, apiError, aToken, json, mockApi, renderApp, signedIn } from '../../../test/test-utils';

describe('create token', () => {
  it('should start from the default policy and explain every option', async () => {
    signedIn();
    mockApi({});
    renderApp('/tokens/new');

    expect(await screen.findByRole('heading', { name: 'Create token' })).toBeInTheDocument();
    expect(screen.getByLabelText('Screen numbers with Identity Insights')).toBeChecked();
    expect(screen.getByLabelText('Format validity (free)')).toBeChecked();
    expect(screen.getByLabelText('Original carrier (charged by Vonage per lookup)')).not.toBeChecked();
    expect(screen.getByLabelText('Current carrier (charged by Vonage per lookup)')).not.toBeChecked();
    const networks = screen.getByRole('group', { name: 'Allowed network types' });
    expect(within(networks).getByLabelText('Mobile')).toBeChecked();
    expect(within(networks).getByLabelText('Virtual (VoIP, personal and voicemail numbers)')).not.toBeChecked();
    expect(screen.getByLabelText('Flag and deliver')).toBeChecked();
    expect(screen.getByLabelText('Deliver and flag')).toBeChecked();
    expect(screen.getByLabelText('Maximum codes per number per 10 minutes')).toHaveValue(5);
    expect(screen.getByLabelText('Expiry')).toHaveValue('90d');
    expect(screen.getByLabelText('SMS-to-voice fallback')).not.toBeChecked();
    expect(screen.getByLabelText('Enforce')).toBeChecked();
    expect(screen.getByLabelText('Do not deliver')).toBeChecked();
    expect(screen.getByLabelText('Allow numbers of no country')).not.toBeChecked();
  });

  it('should show field errors from parsePolicy inline and not call the API', async () => {
    signedIn();
    const api = mockApi({});
    renderApp('/tokens/new');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Name'), 'Okta prod');
    await user.type(screen.getByLabelText('Country allowlist'), 'GB, XX');
    await user.type(screen.getByLabelText('Brand name (optional)'), 'A brand that is far too long');
    await user.clear(screen.getByLabelText('Maximum codes per number per 10 minutes'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('3 fields need attention');
    expect(summary).toHaveFocus();
    const countryLink = within(summary).getByRole('link', { name: /Country allowlist has codes/ });
    await user.click(countryLink);
    expect(screen.getByLabelText('Country allowlist')).toHaveFocus();
    expect(screen.getByLabelText('Country allowlist')).toHaveAccessibleDescription(/Country allowlist has codes that are not ISO 3166-1 alpha-2: XX/);
    expect(screen.getByLabelText('Country allowlist')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Brand name (optional)')).toHaveAccessibleDescription(/Brand name must be at most 16 characters/);
    expect(screen.getByLabelText('Maximum codes per number per 10 minutes')).toHaveAccessibleDescription(/must be an integer from 1 to 1000/);
    expect(api.requests('POST', '/v1/admin/tokens')).toHaveLength(0);
  });

  it('should require a name', async () => {
    signedIn();
    mockApi({});
    renderApp('/tokens/new');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Create token' }));

    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Name is required/);
  });

  it('should show the fields named by a 400 answer next to the right control', async () => {
    signedIn();
    mockApi({
      'POST /v1/admin/tokens': apiError(400, 'The policy is not valid.', [
        { field: 'insights.allowedNetworkTypes', message: 'insights.allowedNetworkTypes must not be empty when insights are enabled' },
      ]),
    });
    renderApp('/tokens/new');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Name'), 'Okta prod');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const networks = screen.getByRole('group', { name: 'Allowed network types' });
    expect(await within(networks).findByText('Allowed network types must not be empty when insights are enabled')).toBeInTheDocument();
    expect(networks).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('One field needs attention');
  });

  it('should send the policy and show the four values once, with copy buttons and Okta steps', async () => {
    signedIn();
    const created = aCreatedToken(aToken({ name: 'Okta prod' }));
    const api = mockApi({ 'POST /v1/admin/tokens': json(created, 201), 'GET /v1/admin/tokens': [created.token] });
    renderApp('/tokens/new');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Name'), 'Okta prod');
    await user.click(screen.getByLabelText('Virtual (VoIP, personal and voicemail numbers)'));
    await user.click(screen.getByLabelText('Block', { selector: '#onFlag-BLOCK' }));
    await user.type(screen.getByLabelText('Country allowlist'), 'gb us');
    await user.selectOptions(screen.getByLabelText('Expiry'), '30d');
    await user.click(screen.getByLabelText('Shadow'));
    await user.click(screen.getByLabelText('Let Okta send it'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByRole('heading', { name: 'Token “Okta prod” created' })).toBeInTheDocument();
    const base = defaultPolicy();
    expect(api.requests('POST', '/v1/admin/tokens')[0].body).toEqual({
      name: 'Okta prod',
      policy: {
        ...base,
        insights: { ...base.insights, allowedNetworkTypes: ['MOBILE', 'LANDLINE', 'VIRTUAL'] },
        onFlag: 'BLOCK',
        countryAllowlist: ['GB', 'US'],
        expiresIn: '30d',
        fraudGuard: { mode: 'SHADOW', thresholds: {} },
        refusalAnswer: 'LET_OKTA_RETRY',
      },
    });
    expect(screen.getByText('This secret is shown only once.')).toBeInTheDocument();
    expect(screen.getByLabelText('Telephony Webhook URL')).toHaveValue(created.telephonyWebhookUrl);
    expect(screen.getByLabelText('Event Webhook URL')).toHaveValue(created.eventWebhookUrl);
    expect(screen.getByLabelText('Auth Header Name')).toHaveValue('Authorization');
    expect(screen.getByLabelText('Token Secret')).toHaveValue('otc_s3cr3t-value');
    expect(screen.getByText(/user.authentication.auth_via_mfa/)).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').length).toBeGreaterThanOrEqual(4);

    await user.click(screen.getByRole('button', { name: 'Copy Token Secret' }));

    expect(await screen.findByText('Copied')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('otc_s3cr3t-value');
  });
});
