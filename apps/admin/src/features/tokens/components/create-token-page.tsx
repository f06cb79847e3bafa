import { usePageTitle } from '../../../lib/use-page-title';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { TokenCreatedDto } from '@otc/contracts';
import { CreateTokenForm } from './create-token-form';
import { OneTimeSecretPanel } from './one-time-secret-panel';

export function CreateTokenPage() {
  usePageTitle('Create token');
  const [created, setCreated] = useState<TokenCreatedDto | null>(null);
  const navigate = useNavigate();
  if (created) {
    return <OneTimeSecretPanel created={created} title={`Token “${created.token.name}” created`} onDone={() => navigate('/tokens')} />;
  }
  return <CreateTokenForm onCreated={setCreated} />;
}
