import { useState, type FocusEvent, type FormEvent } from 'react';
import type { TokenCreatedDto, TokenPolicy } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-client';
import { useCreateToken } from '../api/create-token';
import { describedBy, FieldErrorText, hintId } from './form-controls';
import { PolicyDeliveryFields } from './policy-delivery-fields';
import { PolicyFraudGuardFields } from './policy-fraud-guard-fields';
import { FORM_FIELDS, groupErrors, initialPolicyForm, validateForm, type FieldErrors, type PolicyForm } from './policy-form';
import { PolicyInsightsFields } from './policy-insights-fields';
import { PolicyScreeningFields } from './policy-screening-fields';

function visibleErrors(local: FieldErrors, server: FieldErrors, touched: Set<string>, submitted: boolean): FieldErrors {
  const shown: FieldErrors = {};
  for (const [field, messages] of Object.entries(local)) if (submitted || touched.has(field)) shown[field] = messages;
  for (const [field, messages] of Object.entries(server)) shown[field] = [...(shown[field] ?? []), ...messages];
  return shown;
}

export function CreateTokenForm({ onCreated }: { onCreated: (created: TokenCreatedDto) => void }) {
  const [form, setForm] = useState<PolicyForm>(initialPolicyForm);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateToken();
  const { errors: local, policy } = validateForm(form);
  const serverErrors = create.error instanceof ApiError ? groupErrors(create.error.fields) : {};
  const errors = visibleErrors(local, serverErrors, touched, submitted);
  const unplaced = Object.entries(errors).filter(([field]) => !FORM_FIELDS.includes(field));
  const count = Object.values(errors).flat().length;

  const change = (patch: Partial<PolicyForm>) => setForm((f) => ({ ...f, ...patch }));
  const changePolicy = (patch: Partial<TokenPolicy>) => setForm((f) => ({ ...f, policy: { ...f.policy, ...patch } }));
  const changeInsights = (patch: Partial<TokenPolicy['insights']>) => changePolicy({ insights: { ...form.policy.insights, ...patch } });
  const touch = (event: FocusEvent<HTMLFormElement>) => {
    const name = (event.target as unknown as HTMLInputElement).name;
    if (name && !touched.has(name)) setTouched(new Set(touched).add(name));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!policy || Object.keys(local).length > 0) return;
    create.mutate({ name: form.name.trim(), policy }, { onSuccess: onCreated });
  };

  return (
    <form onSubmit={submit} onBlur={touch} noValidate aria-labelledby="create-token-title" className="token-form">
      <h1 id="create-token-title">Create token</h1>
      <p className="muted">A token is a named set of policies plus a secret that Okta sends with every request. Defaults suit most deployments.</p>
      {submitted && count > 0 && (
        <div role="alert" className="alert alert--error">
          {count === 1 ? 'One field needs attention.' : `${count} fields need attention.`}
          {unplaced.length > 0 && <ul>{unplaced.map(([field, messages]) => <li key={field}>{messages.join(' ')}</li>)}</ul>}
        </div>
      )}
      {create.error && !(create.error instanceof ApiError && create.error.fields.length > 0) && <ErrorAlert error={create.error} title="The token was not created." />}
      <div className="card">
        <div className="field">
          <label htmlFor="name">Name</label>
          <input id="name" name="name" value={form.name} onChange={(e) => change({ name: e.target.value })} {...describedBy('name', errors.name)} />
          <p id={hintId('name')} className="hint">For your records only, e.g. “Okta production”.</p>
          <FieldErrorText field="name" errors={errors.name} />
        </div>
      </div>
      <PolicyInsightsFields insights={form.policy.insights} errors={errors} onChange={changeInsights} />
      <PolicyScreeningFields form={form} errors={errors} onChange={change} onPolicyChange={changePolicy} />
      <PolicyFraudGuardFields policy={form.policy} errors={errors} onPolicyChange={changePolicy} />
      <PolicyDeliveryFields form={form} errors={errors} onChange={change} onPolicyChange={changePolicy} />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
