import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { TokenDto, TokenStatsDto } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime, formatPercent } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { useToken, useTokenStats } from '../api/get-token';
import { PolicyEditForm } from './policy-edit-form';
import { PolicySummary } from './policy-summary';
import { TokenStatusBadge } from './token-status-badge';
import { TokenSpend } from './token-spend';

function Stats({ stats }: { stats: TokenStatsDto }) {
  return (
    <dl className="stats" aria-label="Last 30 days">
      <div>
        <dt>Attempts</dt>
        <dd>{stats.attempts.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Refusal rate</dt>
        <dd>{formatPercent(stats.refusalRate)}</dd>
      </div>
      <div>
        <dt>Conversion rate</dt>
        <dd>{formatPercent(stats.conversionRate)}</dd>
      </div>
    </dl>
  );
}

function Facts({ token }: { token: TokenDto }) {
  return (
    <dl className="policy-summary">
      <dt>Status</dt>
      <dd>
        <TokenStatusBadge status={token.status} />
      </dd>
      <dt>Id</dt>
      <dd className="mono">{token.id}</dd>
      <dt>Created</dt>
      <dd>{formatDateTime(token.createdAt)}</dd>
      <dt>Expires</dt>
      <dd>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</dd>
      <dt>Last used</dt>
      <dd>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</dd>
      <dt>Policy</dt>
      <dd>
        Revision {token.policyRevision}
        {token.policyUpdatedAt && `, edited ${formatDateTime(token.policyUpdatedAt)}`}
      </dd>
      {token.rotatedFromId && (
        <>
          <dt>Rotated from</dt>
          <dd>
            <Link to={`/tokens/${token.rotatedFromId}`}>the previous token</Link> (its secret was replaced by this one)
          </dd>
        </>
      )}
      {token.rotatedToId && (
        <>
          <dt>Rotated to</dt>
          <dd>
            <Link to={`/tokens/${token.rotatedToId}`}>the token that replaced this one</Link>
          </dd>
        </>
      )}
    </dl>
  );
}

export function TokenDetail({ id }: { id: string }) {
  const token = useToken(id);
  const stats = useTokenStats(id);
  const [editing, setEditing] = useState(false);
  usePageTitle(token.data ? `Token ${token.data.name}` : 'Token');
  const data = token.data;
  const editable = data && (data.status === 'ACTIVE' || data.status === 'GRACE_PERIOD');
  return (
    <section aria-labelledby="token-title">
      <p>
        <Link to="/tokens">All tokens</Link>
      </p>
      <h1 id="token-title">{data ? data.name : 'Token'}</h1>
      <ErrorAlert error={token.error} title="The token could not be loaded." />
      {token.isPending && <p role="status">Loading token…</p>}
      {data && (
        <>
          <div className="card">
            <Facts token={data} />
          </div>
          <h2>Last 30 days</h2>
          <ErrorAlert error={stats.error} title="Traffic could not be loaded." />
          {stats.data && <Stats stats={stats.data} />}
          <TokenSpend tokenId={data.id} />
          <p>
            <Link to={`/activity?tokenId=${data.id}`}>Show this token's activity</Link>
          </p>
          {editing ? (
            <PolicyEditForm token={data} onDone={() => setEditing(false)} />
          ) : (
            <section aria-labelledby="policy-title" className="card">
              <div className="section-header">
                <h2 id="policy-title">Policy</h2>
                {editable && (
                  <button type="button" className="button" onClick={() => setEditing(true)}>
                    Edit policy
                  </button>
                )}
              </div>
              <PolicySummary policy={data.policy} />
            </section>
          )}
        </>
      )}
    </section>
  );
}
