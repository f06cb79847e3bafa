import { screen, within } from '@testing-library/react';
import type { FraudRefusalDto } from '@otc/contracts';
import { describe, expect, it } from 'vitest';
import { aToken, mockApi, renderApp, signedIn } from '../../../test/test-utils';

const since = new Date(Date.now() - 5 * 60_000);
const refusal: FraudRefusalDto = {
  id: '7f1c2d3e-0000-4000-8000-000000000009',
  tokenId: 'tok-1111-2222',
  scopeKind: 'BLOCK',
  scopeLabel: '+9989012370xx',
  reasonCode: 'FRAUD_BLOCK_VELOCITY',
  evidence: '5 unconverted distinct numbers in +9989012370xx in 2 min, none converted',
  since: since.toISOString(),
  until: new Date(since.getTime() + 15 * 60_000).toISOString(),
  level: 1,
  requestsStopped: 35,
  liftedAt: null,
  estimatedSpendAvoided: { amount: 9.1, currency: 'EUR' },
};

describe('fraud page spend avoided', () => {
  it('should show on each refusal, active and in the history, what the requests it stopped would have cost', async () => {
    signedIn();
    mockApi({ 'GET /v1/admin/tokens': [aToken()], 'GET /v1/admin/fraud/refusals': [refusal], 'GET /v1/admin/fraud/shadow': [], 'GET /v1/admin/fraud/trusted': [] });
    renderApp('/fraud');

    const card = (await screen.findByRole('heading', { name: 'Number block +9989012370xx' })).closest('li')!;
    expect(card).toHaveTextContent('Est. spend avoided€9.10');
    const history = await screen.findByRole('table', { name: 'Refusals of the last 30 days' });
    expect(within(history).getByRole('columnheader', { name: 'Est. spend avoided' })).toBeInTheDocument();
    expect(within(history).getByRole('cell', { name: '€9.10' })).toBeInTheDocument();
  });
});
