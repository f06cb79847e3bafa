import type { FormEvent } from 'react';
import type { TokenDto } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { useUpdateTokenPolicy } from '../api/update-token-policy';
import { ErrorSummary } from './error-summary';
import { policyFormFrom } from './policy-form';
import { PolicyFields } from './policy-fields';
import { usePolicyForm } from './use-policy-form';

/** Edits the policy in place: same id, same secret; the server audits it and bumps the revision. */
export function PolicyEditForm({ token, onDone }: { token: TokenDto; onDone: () => void }) {
  const update = useUpdateTokenPolicy(token.id);
  const state = usePolicyForm(() => policyFormFrom(token.name, token.policy), update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const policy = state.submit();
    if (policy) update.mutate({ policy, revision: token.policyRevision }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} onBlur={state.touch} noValidate aria-labelledby="edit-policy-title" className="token-form">
      <h2 id="edit-policy-title">Edit policy</h2>
      <p className="muted">Changes apply to the next request Okta sends with this token. The secret does not change.</p>
      <ErrorSummary errors={state.errors} attempt={state.attempt} />
      {update.error && !state.serverErrorPlaced && <ErrorAlert error={update.error} title="The policy was not saved." />}
      <PolicyFields state={state} fixedExpiry />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save policy'}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={update.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
