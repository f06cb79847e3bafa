import type { FlagAction, TokenPolicy } from '@otc/contracts';
import { CheckboxField, describedBy, FieldErrorText, hintId, RadioGroup } from './form-controls';
import type { FieldErrors, PolicyForm } from './policy-form';

interface Props {
  form: PolicyForm;
  errors: FieldErrors;
  onChange: (patch: Partial<PolicyForm>) => void;
  onPolicyChange: (patch: Partial<TokenPolicy>) => void;
}

export function PolicyScreeningFields({ form, errors, onChange, onPolicyChange }: Props) {
  const { policy } = form;
  return (
    <fieldset className="card">
      <legend>Screening and rate limit</legend>
      <div className="field">
        <label htmlFor="countryAllowlist">Country allowlist</label>
        <input id="countryAllowlist" name="countryAllowlist" value={form.countries} placeholder="e.g. GB, US, FR" onChange={(e) => onChange({ countries: e.target.value })} {...describedBy('countryAllowlist', errors.countryAllowlist)} />
        <p id={hintId('countryAllowlist')} className="hint">
          Two-letter ISO country codes, separated by commas or spaces. Leave empty to allow every country. Numbers from other countries are never sent, whatever On flag says; this applies even when Insights is off.
        </p>
        <FieldErrorText field="countryAllowlist" errors={errors.countryAllowlist} />
      </div>
      <RadioGroup<FlagAction>
        field="onFlag"
        legend="On flag"
        value={policy.onFlag}
        errors={errors.onFlag}
        onChange={(onFlag) => onPolicyChange({ onFlag })}
        options={[
          { value: 'BLOCK', label: 'Block', hint: 'The code is not sent; the attempt shows as “Refused by policy” with its reason.' },
          { value: 'FLAG_AND_DELIVER', label: 'Flag and deliver', hint: 'The code is sent; the attempt shows amber as “Delivered, flagged” with its reason.' },
          { value: 'LOG_ONLY', label: 'Log only', hint: 'The code is sent; the reason is recorded but the attempt is not flagged on the dashboard.' },
        ]}
      />
      <CheckboxField
        field="rateLimit.enabled"
        label="Rate limit per phone number"
        hint="Refuses further codes to the same number within a 10-minute window. Vonage's own anti-fraud applies in any case."
        checked={policy.rateLimit.enabled}
        errors={errors['rateLimit.enabled']}
        onChange={(enabled) => onPolicyChange({ rateLimit: { ...policy.rateLimit, enabled } })}
      />
      <div className="field field--indent">
        <label htmlFor="rateLimit.maxPerWindow">Maximum codes per number per 10 minutes</label>
        <input id="rateLimit.maxPerWindow" name="rateLimit.maxPerWindow" type="number" min={1} max={1000} inputMode="numeric" disabled={!policy.rateLimit.enabled} value={form.maxPerWindow} onChange={(e) => onChange({ maxPerWindow: e.target.value })} {...describedBy('rateLimit.maxPerWindow', errors['rateLimit.maxPerWindow'])} />
        <p id={hintId('rateLimit.maxPerWindow')} className="hint">Default 5.</p>
        <FieldErrorText field="rateLimit.maxPerWindow" errors={errors['rateLimit.maxPerWindow']} />
      </div>
    </fieldset>
  );
}
