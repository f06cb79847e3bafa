import { ActiveRefusals } from './active-refusals';
import { RefusalHistory } from './refusal-history';
import { ShadowFindings } from './shadow-findings';
import { TrustedList } from './trusted-list';

export interface TokenOption {
  id: string;
  label: string;
}

/** The fraud guard's decisions: what it refuses now (lift, trust), the trusted list, the last 30 days, SHADOW findings. */
export function FraudPage({ tokens }: { tokens: TokenOption[] }) {
  const names = new Map(tokens.map((t) => [t.id, t.label]));
  const tokenLabel = (id: string) => names.get(id) ?? id;
  return (
    <section aria-labelledby="fraud-title">
      <h1 id="fraud-title">Fraud guard</h1>
      <p className="muted">Scoped, temporary refusals against SMS pumping and toll fraud. Each one lifts by itself; lift one now if it stops real users.</p>
      <ActiveRefusals tokenLabel={tokenLabel} />
      <TrustedList tokens={tokens} tokenLabel={tokenLabel} />
      <RefusalHistory tokenLabel={tokenLabel} />
      <ShadowFindings tokenLabel={tokenLabel} />
    </section>
  );
}
