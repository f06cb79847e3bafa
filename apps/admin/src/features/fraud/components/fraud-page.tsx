import { ActiveRefusals } from './active-refusals';
import { ConversionByPlace, type ConversionFilters } from './conversion-by-place';
import { RefusalHistory } from './refusal-history';
import { ShadowFindings } from './shadow-findings';
import { TrustedList } from './trusted-list';

export interface TokenOption {
  id: string;
  label: string;
}

interface FraudPageProps {
  tokens: TokenOption[];
  conversion: ConversionFilters;
  onConversionChange: (filters: ConversionFilters) => void;
}

/**
 * The fraud guard's decisions and their evidence: what it refuses now (lift, trust), conversion by
 * place, the trusted list, the last 30 days, SHADOW findings.
 */
export function FraudPage({ tokens, conversion, onConversionChange }: FraudPageProps) {
  const names = new Map(tokens.map((t) => [t.id, t.label]));
  const tokenLabel = (id: string) => names.get(id) ?? id;
  return (
    <section aria-labelledby="fraud-title">
      <h1 id="fraud-title">Fraud guard</h1>
      <p className="muted">Scoped, temporary refusals against SMS pumping and toll fraud. Each one lifts by itself; lift one now if it stops real users.</p>
      <ActiveRefusals tokenLabel={tokenLabel} />
      <ConversionByPlace tokens={tokens} tokenLabel={tokenLabel} filters={conversion} onFiltersChange={onConversionChange} />
      <TrustedList tokens={tokens} tokenLabel={tokenLabel} />
      <RefusalHistory tokenLabel={tokenLabel} />
      <ShadowFindings tokenLabel={tokenLabel} />
    </section>
  );
}
