import { useState } from 'react';
import type { FraudRefusalDto } from '@otc/contracts';
import { Badge } from '../../../components/badge';
import type { Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { useFraudRefusals } from '../api/get-fraud-refusals';
import { LiftRefusalDialog } from './lift-refusal-dialog';
import { LoadMoreRefusals } from './load-more-refusals';
import { SCOPE_KIND_LABEL, TRUST_ACTION_LABEL, refusalState } from './refusal-state';
import { TrustRefusalDialog } from './trust-refusal-dialog';

/** What each card tells besides its scope, reason and evidence: one entry per fact (a fact with no value is left out). */
function refusalFacts(tokenLabel: (id: string) => string): Array<Column<FraudRefusalDto>> {
  return [
    { header: 'Since', cell: (r) => formatDateTime(r.since) },
    { header: 'Until', cell: (r) => `${formatDateTime(r.until)} (level ${r.level})` },
    { header: 'Requests stopped', cell: (r) => r.requestsStopped },
    { header: 'Est. spend avoided', cell: (r) => r.estimatedSpendAvoided && formatMoney(r.estimatedSpendAvoided.amount, r.estimatedSpendAvoided.currency) },
    { header: 'Token', cell: (r) => tokenLabel(r.tokenId) },
  ];
}

/** Refusals in force now, one card each (readable on a phone), with "Lift now" and "Trust this …". */
export function ActiveRefusals({ tokenLabel }: { tokenLabel: (id: string) => string }) {
  const refusals = useFraudRefusals('ACTIVE');
  const facts = refusalFacts(tokenLabel);
  const [lifting, setLifting] = useState<FraudRefusalDto | null>(null);
  const [trusting, setTrusting] = useState<FraudRefusalDto | null>(null);
  const active = (refusals.data?.pages.flatMap((page) => page.items) ?? []).filter((r) => refusalState(r, new Date()) === 'ACTIVE');
  return (
    <section aria-labelledby="active-refusals-title">
      <h2 id="active-refusals-title">Refusing now</h2>
      <ErrorAlert error={refusals.error} title="The active refusals could not be loaded." />
      {refusals.isPending && <p role="status">Loading refusals…</p>}
      {refusals.isSuccess && active.length === 0 && (
        <EmptyState title="Nothing is being refused.">The guard refuses a number, block, prefix or country only while a pattern goes on.</EmptyState>
      )}
      <ul className="refusal-cards">
        {active.map((refusal) => (
          <li key={refusal.id} className="card refusal-card">
            <div className="refusal-card__header">
              <h3 className="refusal-card__scope">
                <span className="muted">{SCOPE_KIND_LABEL[refusal.scopeKind]}</span> <span className="mono">{refusal.scopeLabel}</span>
              </h3>
              <Badge tone="danger">{refusal.reasonCode}</Badge>
            </div>
            <p className="refusal-card__evidence">{refusal.evidence}</p>
            <dl className="refusal-card__facts">
              {facts.map((fact) => {
                const value = fact.cell(refusal);
                return value === undefined || value === null ? null : (
                  <div key={fact.header}>
                    <dt>{fact.header}</dt>
                    <dd>{value}</dd>
                  </div>
                );
              })}
            </dl>
            <div className="actions">
              <button type="button" className="button" aria-label={`Lift now: ${refusal.scopeLabel}`} onClick={() => setLifting(refusal)}>
                Lift now
              </button>
              {TRUST_ACTION_LABEL[refusal.scopeKind] && (
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={`${TRUST_ACTION_LABEL[refusal.scopeKind]}: ${refusal.scopeLabel}`}
                  onClick={() => setTrusting(refusal)}
                >
                  {TRUST_ACTION_LABEL[refusal.scopeKind]}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <LoadMoreRefusals refusals={refusals} label="Load more active refusals" />
      {lifting && <LiftRefusalDialog refusal={lifting} onClose={() => setLifting(null)} />}
      {trusting && <TrustRefusalDialog refusal={trusting} onClose={() => setTrusting(null)} />}
    </section>
  );
}
