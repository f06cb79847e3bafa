import { usePageTitle } from '../../lib/use-page-title';
import { ActivityHistory } from '../../features/activity/components/activity-history';
import { AuthEventsHistory } from '../../features/auth-events/components/auth-events-history';
import { useTokens } from '../../features/tokens/api/get-tokens';

export function ActivityRoute() {
  usePageTitle('Activity');
  const tokens = useTokens();
  const options = (tokens.data ?? []).map((t) => ({ id: t.id, label: `${t.name} (${t.shortId})` }));
  return (
    <>
      <ActivityHistory tokens={options} />
      <AuthEventsHistory kind="okta" />
      <AuthEventsHistory kind="conversion" />
    </>
  );
}
