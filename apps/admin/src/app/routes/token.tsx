import { useParams } from 'react-router-dom';
import { TokenDetail } from '../../features/tokens/components/token-detail';

export function TokenRoute() {
  const { id = '' } = useParams();
  return <TokenDetail key={id} id={id} />;
}
