import { useId, useState } from 'react';
import type { FraudRefusalDto } from '@otc/contracts';
import { LIFT_COMMENT_MAX_LENGTH } from '@otc/contracts';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert } from '../../../components/error-alert';
import { useLiftRefusal } from '../api/lift-refusal';

/** Asks why before lifting: the comment is required and goes to the audit trail. */
export function LiftRefusalDialog({ refusal, onClose }: { refusal: FraudRefusalDto; onClose: () => void }) {
  const lift = useLiftRefusal();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const confirm = () => {
    if (comment.trim() === '') {
      setMissing(true);
      return;
    }
    lift.mutate({ id: refusal.id, comment: comment.trim() }, { onSuccess: onClose });
  };

  return (
    <ConfirmDialog title={`Lift the refusal of ${refusal.scopeLabel}?`} confirmLabel="Lift now" busy={lift.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>Sends to {refusal.scopeLabel} are delivered again on every instance within a second. If the pattern goes on, the guard refuses it again.</p>
      <div className="field">
        <label htmlFor={inputId}>Why lift it? (kept in the audit log)</label>
        <input
          id={inputId}
          value={comment}
          maxLength={LIFT_COMMENT_MAX_LENGTH}
          aria-invalid={missing}
          aria-describedby={missing ? errorId : undefined}
          onChange={(event) => {
            setComment(event.target.value);
            setMissing(false);
          }}
        />
        {missing && (
          <p id={errorId} className="field-error">
            Say why the refusal is lifted.
          </p>
        )}
      </div>
      <ErrorAlert error={lift.error} title="The refusal was not lifted." />
    </ConfirmDialog>
  );
}
