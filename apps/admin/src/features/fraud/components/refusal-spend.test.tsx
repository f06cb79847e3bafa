import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aRefusal, aToken, mockApi, renderApp, signedIn } from '../../../test/test-utils';

const refusal = aRefusal({ id: '7f1c2d3e-0000-4000-8000-000000000009', estimatedSpendAvoided: { amount: 9.1, currency: 'EUR' } });

describe('fraud page spend avoided', () => {
  it('should show on each refusal, active and in the history, what the requests it stopped would have cost', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/tokens': [aToken()], 'GET /v1/admin/fraud/refusals': { items: [refusal], nextCursor: null }, 'GET /v1/admin/fraud/shadow': [], 'GET /v1/admin/fraud/trusted': [] });
    renderApp('/fraud');

    const card = (await screen.findByRole('heading', { name: 'Number block +9989012370xx' })).closest('li')!;
    expect(card).toHaveTextContent('Est. spend avoided€9.10');
    const history = await screen.findByRole('table', { name: 'Refusals of the last 30 days' });
    expect(within(history).getByRole('columnheader', { name: 'Est. spend avoided' })).toBeInTheDocument();
    expect(within(history).getByRole('cell', { name: '€9.10' })).toBeInTheDocument();
  });
});
