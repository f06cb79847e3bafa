import { SPEND_ALERT_DEFAULT_SHARE } from '@otc/contracts';
import { describedBy, FieldErrorText, hintId } from './form-controls';
import type { FieldErrors, PolicyForm } from './policy-form';

interface Props {
  form: PolicyForm;
  errors: FieldErrors;
  onChange: (patch: Partial<PolicyForm>) => void;
}

function AmountField({ field, label, hint, value, errors, onChange }: { field: string; label: string; hint: string; value: string; errors?: string[]; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={field}>{label}</label>
      <input id={field} name={field} inputMode="decimal" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} {...describedBy(field, errors)} />
      <p id={hintId(field)} className="hint">
        {hint}
      </p>
      <FieldErrorText field={field} errors={errors} />
    </div>
  );
}

/** Monthly spend cap and alert, in the currency of the connector's price table (estimates). */
export function PolicySpendFields({ form, errors, onChange }: Props) {
  return (
    <fieldset className="card">
      <legend>Spend</legend>
      <AmountField
        field="spend.monthlyCap"
        label="Monthly spend cap (optional)"
        hint="Once this token's estimated spend in the calendar month (UTC) reaches it, codes are refused (SPEND_CAP_REACHED) and answered as refusals are; one alert is posted. In the currency of the connector's price table. Empty: no cap."
        value={form.monthlyCap}
        errors={errors['spend.monthlyCap']}
        onChange={(monthlyCap) => onChange({ monthlyCap })}
      />
      <AmountField
        field="spend.alertAt"
        label="Spend alert at (optional)"
        hint={`An alert when the month's estimated spend passes this. Empty: ${SPEND_ALERT_DEFAULT_SHARE * 100} % of the cap (none without a cap).`}
        value={form.alertAt}
        errors={errors['spend.alertAt']}
        onChange={(alertAt) => onChange({ alertAt })}
      />
    </fieldset>
  );
}
