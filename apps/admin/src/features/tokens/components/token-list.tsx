import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';
import { useRotateToken } from '../api/rotate-token';
import { OneTimeSecretPanel } from './one-time-secret-panel';
import { RevokeDialog, RotateDialog } from './token-dialogs';
import { TokenTable } from './token-table';

type Pending = { kind: 'rotate' | 'revoke'; token: TokenDto } | null;

/** Token list with Rotate / Revoke; used on the dashboard and the Tokens page. */
export function TokenList({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const tokens = useTokens();
  const rotate = useRotateToken();
  const revoke = useRevokeToken();
  const [pending, setPending] = useState<Pending>(null);
  const [rotated, setRotated] = useState<TokenCreatedDto | null>(null);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';

  const open = (kind: 'rotate' | 'revoke') => (token: TokenDto) => {
    rotate.reset();
    revoke.reset();
    setPending({ kind, token });
  };
  const close = () => setPending(null);
  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'revoke') revoke.mutate(pending.token.id, { onSuccess: close });
    else
      rotate.mutate(pending.token.id, {
        onSuccess: (created) => {
          close();
          setRotated(created);
        },
      });
  };

  return (
    <section aria-labelledby="tokens-title">
      <div className="section-header">
        <Heading id="tokens-title">Tokens</Heading>
        <Link className="button button--primary" to="/tokens/new">
          Create token
        </Link>
      </div>
      {rotated && <OneTimeSecretPanel created={rotated} title={`New secret for “${rotated.token.name}”`} onDone={() => setRotated(null)} />}
      <ErrorAlert error={tokens.error} title="Tokens could not be loaded." />
      {tokens.isPending && <p role="status">Loading tokens…</p>}
      {tokens.data?.length === 0 && (
        <EmptyState title="No tokens yet.">
          Create a token, then paste its four values into Okta. <Link to="/tokens/new">Create your first token</Link>.
        </EmptyState>
      )}
      {tokens.data && tokens.data.length > 0 && <TokenTable tokens={tokens.data} onRotate={open('rotate')} onRevoke={open('revoke')} />}
      {pending?.kind === 'revoke' && (
        <RevokeDialog token={pending.token} busy={revoke.isPending} error={revoke.error} onConfirm={confirm} onCancel={close} />
      )}
      {pending?.kind === 'rotate' && (
        <RotateDialog token={pending.token} busy={rotate.isPending} error={rotate.error} onConfirm={confirm} onCancel={close} />
      )}
    </section>
  );
}
