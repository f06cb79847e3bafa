import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockRequest } from '../../../test/test-utils';
import { describe, expect, it } from 'vitest';
import { apiError, aRefusal, aToken, json, mockApi, renderApp, signedIn } from '../../../test/test-utils';

describe('fraud page', () => {
  it('should show what is refused and why, and lift it only with a comment', async () => {
    signedIn();
    let active = [aRefusal()];
    const api = mockApi({
      'GET /v1/admin/tokens': [aToken()],
      'GET /v1/admin/fraud/refusals': (request: MockRequest) =>
        json({ items: request.url.searchParams.get('view') === 'ACTIVE' ? active : [aRefusal({ liftedAt: active.length ? null : new Date().toISOString() })], nextCursor: null }),
      'GET /v1/admin/fraud/shadow': [],
      'GET /v1/admin/fraud/trusted': [],
      'POST /v1/admin/fraud/refusals/7f1c2d3e-0000-4000-8000-000000000001/lift': () => {
        active = [];
        return json(aRefusal({ liftedAt: new Date().toISOString() }));
      },
    });
    renderApp('/fraud');
    const user = userEvent.setup();

    const card = (await screen.findByRole('heading', { name: 'Number block +9989012370xx' })).closest('li')!;
    expect(card).toHaveTextContent('5 unconverted distinct numbers in +9989012370xx in 2 min, none converted');
    expect(card).toHaveTextContent('Requests stopped35');
    expect(card).toHaveTextContent('Okta production');

    await user.click(within(card).getByRole('button', { name: 'Lift now: +9989012370xx' }));
    const dialog = screen.getByRole('dialog', { name: 'Lift the refusal of +9989012370xx?' });
    await user.click(within(dialog).getByRole('button', { name: 'Lift now' }));
    expect(within(dialog).getByText('Say why the refusal is lifted.')).toBeInTheDocument();
    expect(api.requests('POST', '/v1/admin/fraud/refusals/7f1c2d3e-0000-4000-8000-000000000001/lift')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Why lift it? (kept in the audit log)'), 'QA range');
    await user.click(within(dialog).getByRole('button', { name: 'Lift now' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests('POST', '/v1/admin/fraud/refusals/7f1c2d3e-0000-4000-8000-000000000001/lift')[0].body).toEqual({ comment: 'QA range' });
    expect(await screen.findByText('Nothing is being refused.')).toBeInTheDocument();
    const history = screen.getByRole('table', { name: 'Refusals of the last 30 days' });
    expect(await within(history).findByText('Lifted')).toBeInTheDocument();
  });

  it('should list what SHADOW mode would have refused, masked', async () => {
    signedIn();
    mockApi({
      'GET /v1/admin/tokens': [aToken()],
      'GET /v1/admin/fraud/refusals': { items: [], nextCursor: null },
      'GET /v1/admin/fraud/trusted': [],
      'GET /v1/admin/fraud/shadow': [
        {
          activityId: 'a1',
          at: new Date().toISOString(),
          tokenId: 'tok-1111-2222',
          channel: 'SMS',
          destination: '+99890•••••07',
          country: 'UZ',
          reasonCode: 'FRAUD_BLOCK_VELOCITY',
          finding: 'would refuse +9989012390xx: 5 distinct numbers',
        },
      ],
    });
    renderApp('/fraud');
    const table = await screen.findByRole('table', { name: 'Sends SHADOW mode would have refused' });
    expect(table).toHaveTextContent('would refuse +9989012390xx: 5 distinct numbers');
    expect(table).toHaveTextContent('+99890•••••07');
    expect(screen.getByText('No refusals in the last 30 days.')).toBeInTheDocument();
  });

  it("should trust a refused number from its row, and show the API's field error when adding a block", async () => {
    signedIn();
    const numberRefusal = aRefusal({ scopeKind: 'NUMBER', scopeLabel: '+44•••••••56', reasonCode: 'FRAUD_VOICE_REPEATED' });
    const api = mockApi({
      'GET /v1/admin/tokens': [aToken()],
      'GET /v1/admin/fraud/refusals': { items: [numberRefusal], nextCursor: null },
      'GET /v1/admin/fraud/shadow': [],
      'GET /v1/admin/fraud/trusted': [],
      [`POST /v1/admin/fraud/refusals/${numberRefusal.id}/trust`]: json({ id: 'tr-1' }, 201),
      'POST /v1/admin/fraud/trusted': apiError(400, 'value must be the leading digits of a number block', [{ field: 'value', message: 'value must be the leading digits of a number block' }]),
    });
    renderApp('/fraud');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Trust this number: +44•••••••56' }));
    const dialog = screen.getByRole('dialog', { name: 'Trust +44•••••••56?' });
    await user.type(within(dialog).getByLabelText('Why trust it? (kept in the audit log)'), 'the CEO');
    await user.click(within(dialog).getByRole('button', { name: 'Trust this number' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests('POST', `/v1/admin/fraud/refusals/${numberRefusal.id}/trust`)[0].body).toEqual({ comment: 'the CEO', expiresInDays: 30 });

    const form = screen.getByRole('form', { name: 'Add to the trusted list' });
    await user.selectOptions(within(form).getByLabelText('Trust'), 'BLOCK');
    await user.type(within(form).getByLabelText('Number block'), '+44');
    await user.type(within(form).getByLabelText('Why'), 'office');
    await user.click(within(form).getByRole('button', { name: 'Add to trusted list' }));
    expect(await within(form).findByText('value must be the leading digits of a number block')).toBeInTheDocument();
    expect(api.requests('POST', '/v1/admin/fraud/trusted')[0].body).toEqual({ kind: 'BLOCK', value: '+44', comment: 'office', expiresInDays: 30 });
  });

  it('should load the refusal history 50 at a time, each page after the last, and say how many it shows', async () => {
    signedIn();
    const expired = (n: number) => aRefusal({ id: `ref-${n}`, scopeLabel: `+99890123${String(n).padStart(2, '0')}xx`, until: new Date(Date.now() - n * 60_000).toISOString() });
    const api = mockApi({
      'GET /v1/admin/tokens': [aToken()],
      'GET /v1/admin/fraud/refusals': (request: MockRequest) => {
        if (request.url.searchParams.get('view') === 'ACTIVE') return json({ items: [], nextCursor: null });
        return request.url.searchParams.get('cursor') === 'page-2'
          ? json({ items: [expired(51), expired(52)], nextCursor: null })
          : json({ items: Array.from({ length: 50 }, (_, i) => expired(i + 1)), nextCursor: 'page-2' });
      },
      'GET /v1/admin/fraud/shadow': [],
      'GET /v1/admin/fraud/trusted': [],
    });
    renderApp('/fraud');
    const user = userEvent.setup();

    const history = await screen.findByRole('table', { name: 'Refusals of the last 30 days' });
    expect(within(history).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('Showing the newest 50.')).toBeInTheDocument();
    expect(api.requests('GET', '/v1/admin/fraud/refusals').map((r) => r.url.searchParams.get('limit'))).toContain('50');

    await user.click(screen.getByRole('button', { name: 'Load more refusals of the last 30 days' }));
    expect(await within(history).findByText('+9989012352xx')).toBeInTheDocument();
    expect(within(history).getAllByRole('row')).toHaveLength(53);
    expect(screen.getByText('Showing all 52.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more refusals of the last 30 days' })).not.toBeInTheDocument();
    expect(api.requests('GET', '/v1/admin/fraud/refusals').filter((r) => r.url.searchParams.get('cursor') === 'page-2')).toHaveLength(1);
  });
});
