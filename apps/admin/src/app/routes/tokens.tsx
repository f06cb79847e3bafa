import { TokenList } from '../../features/tokens/components/token-list';

export function TokensRoute() {
  return <TokenList headingLevel={1} />;
}
