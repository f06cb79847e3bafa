import { NETWORK_TYPES, type InsightsFailureAction, type NetworkType, type TokenPolicy } from '@otc/contracts';
import { CheckboxField, describedBy, FieldErrorText, RadioGroup } from './form-controls';
import type { FieldErrors } from './policy-form';

const NETWORK_LABELS: Record<NetworkType, string> = {
  MOBILE: 'Mobile',
  LANDLINE: 'Landline',
  TOLLFREE: 'Toll-free',
  PREMIUM: 'Premium rate (also shared cost and UAN)',
  VIRTUAL: 'Virtual (VoIP, personal and voicemail numbers)',
  PAGER: 'Pager',
};

/** Says where the network type these boxes are compared with comes from. */
function NetworkTypeSource({ insights }: { insights: TokenPolicy['insights'] }) {
  const lookups = insights.enabled ? [insights.currentCarrier && 'current carrier', insights.originalCarrier && 'original carrier'].filter(Boolean) : [];
  const refined = lookups.length > 0 ? `, refined by the ${lookups[0]} lookup (it follows porting and virtual operators)` : '; tick a carrier lookup above to refine it';
  return (
    <p className="note">
      Checked against the type the numbering plan gives every number, free and offline{refined}. US and Canadian numbers count as mobile or landline,
      whichever is ticked.
    </p>
  );
}

interface Props {
  insights: TokenPolicy['insights'];
  errors: FieldErrors;
  onChange: (patch: Partial<TokenPolicy['insights']>) => void;
}

export function PolicyInsightsFields({ insights, errors, onChange }: Props) {
  const off = !insights.enabled;
  const toggleNetwork = (type: NetworkType, on: boolean) =>
    onChange({ allowedNetworkTypes: on ? [...insights.allowedNetworkTypes, type] : insights.allowedNetworkTypes.filter((t) => t !== type) });

  return (
    <fieldset className="card">
      <legend>Layer 1: Vonage Identity Insights</legend>
      <CheckboxField
        field="insights.enabled"
        label="Screen numbers with Identity Insights"
        hint="Looks up every number before a code is sent. When off, codes are sent without a lookup; the country allowlist and rate limit still apply."
        checked={insights.enabled}
        errors={errors['insights.enabled']}
        onChange={(enabled) => onChange({ enabled })}
      />
      <CheckboxField field="insights.formatValidity" label="Format validity (free)" hint="Checks that the number is a valid, dialable number. No charge." checked={insights.formatValidity} disabled={off} errors={errors['insights.formatValidity']} onChange={(formatValidity) => onChange({ formatValidity })} />
      <CheckboxField field="insights.originalCarrier" label="Original carrier (charged by Vonage per lookup)" hint="The carrier the number was first assigned to, with its network type." checked={insights.originalCarrier} disabled={off} errors={errors['insights.originalCarrier']} onChange={(originalCarrier) => onChange({ originalCarrier })} />
      <CheckboxField field="insights.currentCarrier" label="Current carrier (charged by Vonage per lookup)" hint="The carrier the number belongs to today, after any porting." checked={insights.currentCarrier} disabled={off} errors={errors['insights.currentCarrier']} onChange={(currentCarrier) => onChange({ currentCarrier })} />
      <fieldset className="check-group" {...describedBy('insights.allowedNetworkTypes', errors['insights.allowedNetworkTypes'], false)}>
        <legend>Allowed network types</legend>
        <p className="hint">Numbers on a network type that is not ticked are flagged (see “On flag” below).</p>
        <NetworkTypeSource insights={insights} />
        {NETWORK_TYPES.map((type) => (
          <label key={type} className="inline-check">
            <input type="checkbox" name="insights.allowedNetworkTypes" value={type} checked={insights.allowedNetworkTypes.includes(type)} onChange={(e) => toggleNetwork(type, e.target.checked)} />
            {NETWORK_LABELS[type]}
          </label>
        ))}
        <FieldErrorText field="insights.allowedNetworkTypes" errors={errors['insights.allowedNetworkTypes']} />
      </fieldset>
      <RadioGroup<InsightsFailureAction>
        field="insights.onUnavailable"
        legend="When Insights is unavailable"
        disabled={off}
        value={insights.onUnavailable}
        errors={errors['insights.onUnavailable']}
        onChange={(onUnavailable) => onChange({ onUnavailable })}
        options={[
          { value: 'DELIVER_AND_FLAG', label: 'Deliver and flag', hint: 'Send the code anyway and show the attempt as “Delivered, flagged”, so users can still sign in.' },
          { value: 'BLOCK', label: 'Block', hint: 'Do not send the code when the number could not be screened.' },
        ]}
      />
    </fieldset>
  );
}
