import { EmptyState } from '../../../components/empty-state';

export function AuthEventsEmpty() {
  return (
    <EmptyState title="No Okta authentication events yet.">
      In Okta, open Workflow &gt; Event Hooks, create a hook with the token's Event Webhook URL and the event{' '}
      <code>user.authentication.auth_via_mfa</code>, then click Verify. Events then show which codes were used.
    </EmptyState>
  );
}
