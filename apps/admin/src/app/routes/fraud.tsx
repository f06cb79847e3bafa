import { useSearchParams } from 'react-router-dom';
import { DEFAULT_CONVERSION_PERIOD } from '@otc/contracts';
import { periodOf } from '../../components/period-select';
import type { ConversionFilters } from '../../features/fraud/components/conversion-by-place';
import { FraudPage } from '../../features/fraud/components/fraud-page';
import { useTokens } from '../../features/tokens/api/get-tokens';

export function FraudRoute() {
  const tokens = useTokens();
  const options = (tokens.data ?? []).map((t) => ({ id: t.id, label: `${t.name} (${t.shortId})` }));
  // The conversion report's period and token live in the URL, so a view can be shared.
  const [params, setParams] = useSearchParams();
  const conversion: ConversionFilters = { period: periodOf(params.get('period'), DEFAULT_CONVERSION_PERIOD), tokenId: params.get('token') };
  const setConversion = ({ period, tokenId }: ConversionFilters) =>
    setParams({ ...(period === DEFAULT_CONVERSION_PERIOD ? {} : { period }), ...(tokenId ? { token: tokenId } : {}) }, { replace: true });
  return <FraudPage tokens={options} conversion={conversion} onConversionChange={setConversion} />;
}
