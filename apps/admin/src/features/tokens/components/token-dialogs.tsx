import type { TokenDto } from '@otc/contracts';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert } from '../../../components/error-alert';

interface TokenDialogProps {
  token: TokenDto;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RevokeDialog({ token, busy, error, onConfirm, onCancel }: TokenDialogProps) {
  return (
    <ConfirmDialog title={`Revoke token “${token.name}”?`} confirmLabel="Revoke token" danger busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        Revocation is immediate and final: Okta requests signed with this token's secret are refused from now on, on every
        instance, and the token cannot be restored. Okta users will stop receiving codes until Okta uses another token.
      </p>
      <ErrorAlert error={error} title="The token was not revoked." />
    </ConfirmDialog>
  );
}

export function RotateDialog({ token, busy, error, onConfirm, onCancel }: TokenDialogProps) {
  return (
    <ConfirmDialog title={`Rotate token “${token.name}”?`} confirmLabel="Rotate secret" busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        Rotation issues a new secret with the same policy. The old secret keeps working for 24 hours (Grace Period) so you can
        paste the new one into Okta's inline and event hooks without an outage; after that it stops working.
      </p>
      <ErrorAlert error={error} title="The token was not rotated." />
    </ConfirmDialog>
  );
}
