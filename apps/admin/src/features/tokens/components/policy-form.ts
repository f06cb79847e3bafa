import { TOKEN_NAME_MAX_LENGTH, defaultPolicy, parsePolicy, type FieldError, type TokenPolicy } from '@otc/contracts';

/** Form state: the policy plus the raw text of the inputs that parsePolicy must judge. */
export interface PolicyForm {
  name: string;
  policy: TokenPolicy;
  countries: string;
  maxPerWindow: string;
  brandName: string;
  /** Amounts as typed: empty means none. */
  monthlyCap: string;
  alertAt: string;
}

export type FieldErrors = Record<string, string[]>;

export const NAME_MAX_LENGTH = TOKEN_NAME_MAX_LENGTH;

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  'insights.enabled': 'Identity Insights',
  'insights.formatValidity': 'Format validity',
  'insights.originalCarrier': 'Original carrier',
  'insights.currentCarrier': 'Current carrier',
  'insights.allowedNetworkTypes': 'Allowed network types',
  'insights.onUnavailable': 'When Insights is unavailable',
  countryAllowlist: 'Country allowlist',
  allowNonGeographicNumbers: 'Allow numbers of no country',
  onFlag: 'On flag',
  refusalAnswer: 'When a code is refused',
  'fraudGuard.mode': 'Fraud guard',
  'rateLimit.enabled': 'Rate limit',
  'rateLimit.maxPerWindow': 'Maximum codes per number',
  brandName: 'Brand name',
  smsToVoiceFallback: 'SMS-to-voice fallback',
  expiresIn: 'Expiry',
  'spend.monthlyCap': 'Monthly spend cap',
  'spend.alertAt': 'Spend alert',
};

export const FORM_FIELDS = Object.keys(FIELD_LABELS);

export function initialPolicyForm(): PolicyForm {
  const policy = defaultPolicy();
  return { name: '', policy, countries: '', maxPerWindow: String(policy.rateLimit.maxPerWindow), brandName: '', monthlyCap: '', alertAt: '' };
}

// Empty is "none"; anything else goes to parsePolicy as a number (NaN when it is not one), which names the field.
function amount(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim().replace(',', '.'));
}

export function toPolicyInput(form: PolicyForm): Record<string, unknown> {
  const countries = form.countries.split(/[\s,;]+/).filter(Boolean);
  const max = form.maxPerWindow.trim() === '' ? Number.NaN : Number(form.maxPerWindow);
  return {
    ...form.policy,
    countryAllowlist: countries,
    rateLimit: { enabled: form.policy.rateLimit.enabled, maxPerWindow: max },
    brandName: form.brandName.trim() === '' ? null : form.brandName,
    spend: { monthlyCap: amount(form.monthlyCap), alertAt: amount(form.alertAt) },
  };
}

/** "brandName must be ..." reads better as "Brand name must be ...". */
export function humanize(error: FieldError): string {
  const field = error.field.replace(/^policy\./, '');
  const label = FIELD_LABELS[field];
  return label && error.message.startsWith(field) ? label + error.message.slice(field.length) : error.message;
}

export function groupErrors(errors: FieldError[]): FieldErrors {
  const grouped: FieldErrors = {};
  for (const error of errors) {
    const field = error.field.replace(/^policy\./, '');
    (grouped[field] ??= []).push(humanize(error));
  }
  return grouped;
}

export function validateForm(form: PolicyForm): { errors: FieldErrors; policy: TokenPolicy | null } {
  const errors: FieldError[] = [];
  if (form.name.trim() === '') errors.push({ field: 'name', message: 'Name is required: use something you will recognise, e.g. "Okta production".' });
  if (form.name.trim().length > NAME_MAX_LENGTH) errors.push({ field: 'name', message: `Name must be at most ${NAME_MAX_LENGTH} characters` });
  const parsed = parsePolicy(toPolicyInput(form));
  if (!parsed.ok) errors.push(...parsed.errors);
  return { errors: groupErrors(errors), policy: parsed.ok ? parsed.policy : null };
}

/** The form for editing a token's current policy. */
export function policyFormFrom(name: string, policy: TokenPolicy): PolicyForm {
  return {
    name,
    policy,
    countries: policy.countryAllowlist.join(', '),
    maxPerWindow: String(policy.rateLimit.maxPerWindow),
    brandName: policy.brandName ?? '',
    monthlyCap: policy.spend?.monthlyCap?.toString() ?? '',
    alertAt: policy.spend?.alertAt?.toString() ?? '',
  };
}
