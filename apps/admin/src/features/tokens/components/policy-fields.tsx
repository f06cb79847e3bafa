import { PolicyDeliveryFields } from './policy-delivery-fields';
import { PolicyFraudGuardFields } from './policy-fraud-guard-fields';
import { PolicyInsightsFields } from './policy-insights-fields';
import { PolicyScreeningFields } from './policy-screening-fields';
import { PolicySpendFields } from './policy-spend-fields';
import type { usePolicyForm } from './use-policy-form';

/** Every policy section of the create and edit forms. */
export function PolicyFields({ state, fixedExpiry }: { state: ReturnType<typeof usePolicyForm>; fixedExpiry?: boolean }) {
  const { form, errors } = state;
  return (
    <>
      <PolicyInsightsFields insights={form.policy.insights} errors={errors} onChange={state.changeInsights} />
      <PolicyScreeningFields form={form} errors={errors} onChange={state.change} onPolicyChange={state.changePolicy} />
      <PolicyFraudGuardFields policy={form.policy} errors={errors} onPolicyChange={state.changePolicy} />
      <PolicySpendFields form={form} errors={errors} onChange={state.change} />
      <PolicyDeliveryFields form={form} errors={errors} onChange={state.change} onPolicyChange={state.changePolicy} fixedExpiry={fixedExpiry} />
    </>
  );
}
