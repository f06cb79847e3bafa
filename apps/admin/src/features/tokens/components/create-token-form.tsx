import type { FormEvent } from 'react';
import type { TokenCreatedDto } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { useCreateToken } from '../api/create-token';
import { ErrorSummary } from './error-summary';
import { describedBy, FieldErrorText, hintId } from './form-controls';
import { initialPolicyForm } from './policy-form';
import { PolicyFields } from './policy-fields';
import { usePolicyForm } from './use-policy-form';

export function CreateTokenForm({ onCreated }: { onCreated: (created: TokenCreatedDto) => void }) {
  const create = useCreateToken();
  const state = usePolicyForm(initialPolicyForm, create.error);
  const { form, errors } = state;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const policy = state.submit();
    if (policy) create.mutate({ name: form.name.trim(), policy }, { onSuccess: onCreated });
  };

  return (
    <form onSubmit={submit} onBlur={state.touch} noValidate aria-labelledby="create-token-title" className="token-form">
      <h1 id="create-token-title">Create token</h1>
      <p className="muted">A token is a named set of policies plus a secret that Okta sends with every request. Defaults suit most deployments.</p>
      <ErrorSummary errors={errors} attempt={state.attempt} />
      {create.error && !state.serverErrorPlaced && <ErrorAlert error={create.error} title="The token was not created." />}
      <div className="card">
        <div className="field">
          <label htmlFor="name">Name</label>
          <input id="name" name="name" value={form.name} onChange={(e) => state.change({ name: e.target.value })} {...describedBy('name', errors.name)} />
          <p id={hintId('name')} className="hint">For your records only, e.g. “Okta production”.</p>
          <FieldErrorText field="name" errors={errors.name} />
        </div>
      </div>
      <PolicyFields state={state} />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
