import { FraudPage } from '../../features/fraud/components/fraud-page';
import { useTokens } from '../../features/tokens/api/get-tokens';

export function FraudRoute() {
  const tokens = useTokens();
  const options = (tokens.data ?? []).map((t) => ({ id: t.id, label: `${t.name} (${t.shortId})` }));
  return <FraudPage tokens={options} />;
}
