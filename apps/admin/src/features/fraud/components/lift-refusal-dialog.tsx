import type { FraudRefusalDto } from '@otc/contracts';
import { LIFT_COMMENT_MAX_LENGTH } from '@otc/contracts';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert } from '../../../components/error-alert';
import { useLiftRefusal } from '../api/lift-refusal';
import { RequiredCommentField, useRequiredComment } from './required-comment-field';

/** Asks why before lifting: the comment is required and goes to the audit trail. */
export function LiftRefusalDialog({ refusal, onClose }: { refusal: FraudRefusalDto; onClose: () => void }) {
  const lift = useLiftRefusal();
  const comment = useRequiredComment();

  const confirm = () => {
    const why = comment.take();
    if (why) lift.mutate({ id: refusal.id, comment: why }, { onSuccess: onClose });
  };

  return (
    <ConfirmDialog title={`Lift the refusal of ${refusal.scopeLabel}?`} confirmLabel="Lift now" busy={lift.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>Sends to {refusal.scopeLabel} are delivered again on every instance within a second. If the pattern goes on, the guard refuses it again.</p>
      <RequiredCommentField comment={comment} label="Why lift it? (kept in the audit log)" missingMessage="Say why the refusal is lifted." maxLength={LIFT_COMMENT_MAX_LENGTH} />
      <ErrorAlert error={lift.error} title="The refusal was not lifted." />
    </ConfirmDialog>
  );
}
