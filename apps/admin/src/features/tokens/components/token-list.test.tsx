import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aCreatedToken, apiError, aToken, json, mockApi, renderApp, signedIn } from '../../../test/test-utils';

describe('token list', () => {
  it('should ask for confirmation before revoking, and revoke only after it', async () => {
    signedIn();
    let tokens = [aToken()];
    const api = mockApi({
      'GET /v1/admin/tokens': () => json(tokens),
      'POST /v1/admin/tokens/tok-1111-2222/revoke': () => {
        tokens = [aToken({ status: 'REVOKED', revokedAt: new Date().toISOString() })];
        return json(tokens[0]);
      },
    });
    renderApp('/tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Revoke Okta production' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke token “Okta production”?' });
    expect(dialog).toHaveTextContent('Revocation is immediate and final');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.requests('POST', '/v1/admin/tokens/tok-1111-2222/revoke')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Revoke Okta production' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke token' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests('POST', '/v1/admin/tokens/tok-1111-2222/revoke')).toHaveLength(1);
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke Okta production' })).not.toBeInTheDocument();
  });

  it('should explain the 24 h grace period and show the new secret once after rotating', async () => {
    signedIn();
    const created = aCreatedToken(aToken({ id: 'tok-new', shortId: 'tok_new' }));
    mockApi({ 'GET /v1/admin/tokens': [aToken()], 'POST /v1/admin/tokens/tok-1111-2222/rotate': json(created, 201) });
    renderApp('/tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Rotate Okta production' }));
    const dialog = screen.getByRole('dialog', { name: 'Rotate token “Okta production”?' });
    expect(dialog).toHaveTextContent('The old secret keeps working for 24 hours');

    await user.click(within(dialog).getByRole('button', { name: 'Rotate secret' }));

    expect(await screen.findByRole('heading', { name: 'New secret for “Okta production”' })).toBeInTheDocument();
    expect(screen.getByLabelText('Token Secret')).toHaveValue('otc_s3cr3t-value');
    expect(screen.getByText('This secret is shown only once.')).toBeInTheDocument();
  });

  it('should show a 409 from rotate inside the dialog', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/tokens': [aToken()], 'POST /v1/admin/tokens/tok-1111-2222/rotate': apiError(409, 'The token is already in its grace period.') });
    renderApp('/tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Rotate Okta production' }));
    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));

    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent('The token is already in its grace period.');
  });
});
