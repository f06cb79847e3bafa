import { Link } from 'react-router-dom';
import type { TokenDto } from '@otc/contracts';
import { DataTable, type Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';
import { TokenStatusBadge } from './token-status-badge';

interface TokenTableProps {
  tokens: TokenDto[];
  onRotate: (token: TokenDto) => void;
  onRevoke: (token: TokenDto) => void;
}

function validity(token: TokenDto): string {
  if (token.status === 'REVOKED') return `Revoked ${formatDateTime(token.revokedAt)}`;
  if (token.status === 'GRACE_PERIOD') return `Old secret works until ${formatDateTime(token.graceEndsAt)}`;
  return token.expiresAt ? `${token.status === 'EXPIRED' ? 'Expired' : 'Expires'} ${formatDateTime(token.expiresAt)}` : 'Never expires';
}

/** Rotation makes a new token with the same name: say which one replaced which. */
function Lineage({ token, byId }: { token: TokenDto; byId: Map<string, TokenDto> }) {
  const to = token.rotatedToId ? byId.get(token.rotatedToId) : undefined;
  const from = token.rotatedFromId ? byId.get(token.rotatedFromId) : undefined;
  if (!to && !from) return null;
  return (
    <span className="lineage">
      {to && <>Replaced by {to.shortId}</>}
      {to && from && ' · '}
      {from && <>Replaces {from.shortId}</>}
    </span>
  );
}

function columns(byId: Map<string, TokenDto>, { onRotate, onRevoke }: Omit<TokenTableProps, 'tokens'>): Array<Column<TokenDto>> {
  return [
    {
      header: 'Name',
      className: 'card-row__wide',
      cell: (token) => (
        <>
          <Link to={`/tokens/${token.id}`}>{token.name}</Link>
          <Lineage token={token} byId={byId} />
        </>
      ),
    },
    { header: 'Id', className: 'mono', title: (token) => token.id, cell: (token) => token.shortId },
    { header: 'Status', cell: (token) => <TokenStatusBadge status={token.status} /> },
    { header: 'Validity', cell: validity },
    { header: 'Last used', cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never') },
    {
      header: 'Actions',
      className: 'card-row__actions',
      cell: (token) => (
        <div className="actions">
          {token.status === 'ACTIVE' && (
            <button type="button" className="button button--small" onClick={() => onRotate(token)} aria-label={`Rotate ${token.name}`}>
              Rotate
            </button>
          )}
          {(token.status === 'ACTIVE' || token.status === 'GRACE_PERIOD') && (
            <button type="button" className="button button--small button--danger" onClick={() => onRevoke(token)} aria-label={`Revoke ${token.name}`}>
              Revoke
            </button>
          )}
        </div>
      ),
    },
  ];
}

export function TokenTable({ tokens, ...actions }: TokenTableProps) {
  const byId = new Map(tokens.map((t) => [t.id, t]));
  return <DataTable caption="Tokens" columns={columns(byId, actions)} rows={tokens} rowKey={(t) => t.id} />;
}
