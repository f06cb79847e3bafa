import { BRAND_NAME_MAX_LENGTH, TOKEN_LIFETIMES, type TokenLifetime, type TokenPolicy } from '@otc/contracts';
import { CheckboxField, describedBy, FieldErrorText, hintId } from './form-controls';
import type { FieldErrors, PolicyForm } from './policy-form';

const LIFETIME_LABELS: Record<TokenLifetime, string> = {
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days (recommended)',
  never: 'Never expires',
};

interface Props {
  form: PolicyForm;
  errors: FieldErrors;
  onChange: (patch: Partial<PolicyForm>) => void;
  onPolicyChange: (patch: Partial<TokenPolicy>) => void;
  /** Editing an existing token: the expiry was fixed when it was created or rotated. */
  fixedExpiry?: boolean;
}

export function PolicyDeliveryFields({ form, errors, onChange, onPolicyChange, fixedExpiry = false }: Props) {
  return (
    <fieldset className="card">
      <legend>Delivery and expiry</legend>
      <div className="field">
        <label htmlFor="brandName">Brand name (optional)</label>
        <input id="brandName" name="brandName" value={form.brandName} onChange={(e) => onChange({ brandName: e.target.value })} {...describedBy('brandName', errors.brandName)} />
        <p id={hintId('brandName')} className="hint">
          Shown in the SMS and spoken in calls, up to {BRAND_NAME_MAX_LENGTH} characters ({form.brandName.trim().length}/{BRAND_NAME_MAX_LENGTH}). Empty uses the connector's default brand.
        </p>
        <FieldErrorText field="brandName" errors={errors.brandName} />
      </div>
      <CheckboxField
        field="smsToVoiceFallback"
        label="SMS-to-voice fallback"
        hint="If the SMS is not delivered, Vonage calls the number and reads the same code."
        checked={form.policy.smsToVoiceFallback}
        errors={errors.smsToVoiceFallback}
        onChange={(smsToVoiceFallback) => onPolicyChange({ smsToVoiceFallback })}
      />
      {fixedExpiry ? (
        <p className="note">Expiry: {LIFETIME_LABELS[form.policy.expiresIn]}, counted from when the token was created; rotate the token to start a new lifetime.</p>
      ) : (
      <div className="field">
        <label htmlFor="expiresIn">Expiry</label>
        <select id="expiresIn" name="expiresIn" value={form.policy.expiresIn} onChange={(e) => onPolicyChange({ expiresIn: e.target.value as TokenLifetime })} {...describedBy('expiresIn', errors.expiresIn)}>
          {TOKEN_LIFETIMES.map((lifetime) => (
            <option key={lifetime} value={lifetime}>
              {LIFETIME_LABELS[lifetime]}
            </option>
          ))}
        </select>
        <p id={hintId('expiresIn')} className="hint">After expiry Okta's requests are refused; rotate before then to keep codes flowing.</p>
        <FieldErrorText field="expiresIn" errors={errors.expiresIn} />
      </div>
      )}
    </fieldset>
  );
}
