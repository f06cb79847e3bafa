import { Link } from 'react-router-dom';
import type { TokenDto } from '@otc/contracts';
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

export function TokenTable({ tokens, onRotate, onRevoke }: TokenTableProps) {
  const byId = new Map(tokens.map((t) => [t.id, t]));
  return (
    <div className="table-wrap table-wrap--cards">
      <table>
        <caption className="visually-hidden">Tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Id</th>
            <th scope="col">Status</th>
            <th scope="col">Validity</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="card-row">
              <td data-label="Name" className="card-row__wide">
                <Link to={`/tokens/${token.id}`}>{token.name}</Link>
                <Lineage token={token} byId={byId} />
              </td>
              <td data-label="Id" className="mono" title={token.id}>
                {token.shortId}
              </td>
              <td data-label="Status">
                <TokenStatusBadge status={token.status} />
              </td>
              <td data-label="Validity">{validity(token)}</td>
              <td data-label="Last used">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
              <td data-label="Actions" className="card-row__actions">
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
