import { useState, type FocusEvent } from 'react';
import type { TokenPolicy } from '@otc/contracts';
import { ApiError } from '../../../lib/api-client';
import { groupErrors, validateForm, type FieldErrors, type PolicyForm } from './policy-form';

function visibleErrors(local: FieldErrors, server: FieldErrors, touched: Set<string>, submitted: boolean): FieldErrors {
  const shown: FieldErrors = {};
  for (const [field, messages] of Object.entries(local)) if (submitted || touched.has(field)) shown[field] = messages;
  for (const [field, messages] of Object.entries(server)) shown[field] = [...(shown[field] ?? []), ...messages];
  return shown;
}

/** State of a policy form: its values, which fields were visited, and the errors worth showing now. */
export function usePolicyForm(initial: () => PolicyForm, serverError: unknown) {
  const [form, setForm] = useState<PolicyForm>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const { errors: local, policy } = validateForm(form);
  const serverErrors = serverError instanceof ApiError ? groupErrors(serverError.fields) : {};
  const errors = visibleErrors(local, serverErrors, touched, attempt > 0);
  const changePolicy = (patch: Partial<TokenPolicy>) => setForm((f) => ({ ...f, policy: { ...f.policy, ...patch } }));
  return {
    form,
    errors,
    attempt,
    /** Whether the server's error is one the fields already show. */
    serverErrorPlaced: serverError instanceof ApiError && serverError.fields.length > 0,
    change: (patch: Partial<PolicyForm>) => setForm((f) => ({ ...f, ...patch })),
    changePolicy,
    changeInsights: (patch: Partial<TokenPolicy['insights']>) => changePolicy({ insights: { ...form.policy.insights, ...patch } }),
    touch: (event: FocusEvent<HTMLFormElement>) => {
      const name = (event.target as unknown as HTMLInputElement).name;
      if (name && !touched.has(name)) setTouched(new Set(touched).add(name));
    },
    /** Counts a submit; the valid policy, or null while a field is wrong. */
    submit: (): TokenPolicy | null => {
      setAttempt((n) => n + 1);
      return policy && Object.keys(local).length === 0 ? policy : null;
    },
  };
}
