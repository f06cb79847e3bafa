import type { FraudGuardMode, RefusalAnswer, TokenPolicy } from '@otc/contracts';
import { CheckboxField, RadioGroup } from './form-controls';
import type { FieldErrors } from './policy-form';

interface Props {
  policy: TokenPolicy;
  errors: FieldErrors;
  onPolicyChange: (patch: Partial<TokenPolicy>) => void;
}

export function PolicyFraudGuardFields({ policy, errors, onPolicyChange }: Props) {
  return (
    <fieldset className="card">
      <legend>Fraud guard and refusals</legend>
      <RadioGroup<FraudGuardMode>
        field="fraudGuard.mode"
        legend="Fraud guard"
        value={policy.fraudGuard.mode}
        errors={errors['fraudGuard.mode']}
        onChange={(mode) => onPolicyChange({ fraudGuard: { ...policy.fraudGuard, mode } })}
        options={[
          { value: 'ENFORCE', label: 'Enforce', hint: 'Refuses number blocks, prefixes, countries, addresses or users for a while when their codes are not being used (SMS pumping, toll fraud).' },
          { value: 'SHADOW', label: 'Shadow', hint: 'Delivers everything and records on each attempt what the guard would have refused.' },
          { value: 'OFF', label: 'Off', hint: 'No velocity or conversion checks; the policy above still applies.' },
        ]}
      />
      <RadioGroup<RefusalAnswer>
        field="refusalAnswer"
        legend="When a code is refused"
        value={policy.refusalAnswer}
        errors={errors.refusalAnswer}
        onChange={(refusalAnswer) => onPolicyChange({ refusalAnswer })}
        options={[
          { value: 'NO_DELIVERY', label: 'Do not deliver', hint: 'Okta is told the request succeeded, so it does not send the code through its own providers. Nothing is sent.' },
          { value: 'LET_OKTA_RETRY', label: 'Let Okta send it', hint: 'Okta gets an error and sends the code through its own providers: the refusal moves the cost, it does not stop the message.' },
        ]}
      />
      <CheckboxField
        field="allowNonGeographicNumbers"
        label="Allow numbers of no country"
        hint="International and satellite ranges (+870, +881, +882, +883, +979 ...) are refused unless this is on."
        checked={policy.allowNonGeographicNumbers}
        errors={errors.allowNonGeographicNumbers}
        onChange={(allowNonGeographicNumbers) => onPolicyChange({ allowNonGeographicNumbers })}
      />
    </fieldset>
  );
}
