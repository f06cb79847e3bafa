import { useId, useState } from 'react';
import type { FraudRefusalDto } from '@otc/contracts';
import { MAX_TRUST_DAYS, TRUST_COMMENT_MAX_LENGTH } from '@otc/contracts';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert } from '../../../components/error-alert';
import { useTrustRefusal } from '../api/trust';
import { TRUST_ACTION_LABEL } from './refusal-state';
import { RequiredCommentField, useRequiredComment } from './required-comment-field';

/** Trusts what a refusal refused, for its token; the number itself never reaches the browser. */
export function TrustRefusalDialog({ refusal, onClose }: { refusal: FraudRefusalDto; onClose: () => void }) {
  const trust = useTrustRefusal();
  const comment = useRequiredComment();
  const [days, setDays] = useState('30');
  const daysId = useId();

  const confirm = () => {
    const why = comment.take();
    if (why) trust.mutate({ refusalId: refusal.id, comment: why, expiresInDays: Number(days) }, { onSuccess: onClose });
  };

  return (
    <ConfirmDialog
      title={`Trust ${refusal.scopeLabel}?`}
      confirmLabel={TRUST_ACTION_LABEL[refusal.scopeKind] ?? 'Trust'}
      busy={trust.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>The fraud guard will never refuse {refusal.scopeLabel} for this token until the entry expires, whatever it counts. Other numbers stay refused.</p>
      <RequiredCommentField comment={comment} label="Why trust it? (kept in the audit log)" missingMessage="Say why it is trusted." maxLength={TRUST_COMMENT_MAX_LENGTH} />
      <div className="field">
        <label htmlFor={daysId}>Trusted for (days)</label>
        <input id={daysId} type="number" min={1} max={MAX_TRUST_DAYS} value={days} onChange={(event) => setDays(event.target.value)} />
      </div>
      <ErrorAlert error={trust.error} title="Nothing was trusted." />
    </ConfirmDialog>
  );
}
