import { usePageTitle } from '../../lib/use-page-title';
import { TokenList } from '../../features/tokens/components/token-list';

export function TokensRoute() {
  usePageTitle('Tokens');
  return <TokenList headingLevel={1} />;
}
