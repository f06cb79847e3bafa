import { Link, useSearchParams } from 'react-router-dom';
import { ActivityTable } from '../../features/activity/components/activity-table';
import { AuthEventsEmpty } from '../../features/auth-events/components/auth-events-empty';
import { AuthEventsTable } from '../../features/auth-events/components/auth-events-table';
import type { ReportPeriod } from '@otc/contracts';
import { useDashboard } from '../../features/dashboard/api/get-dashboard';
import { DashboardCounters } from '../../features/dashboard/components/dashboard-counters';
import { DeliveriesChart } from '../../features/dashboard/components/deliveries-chart';
import { PeriodSelect, periodLabel, periodOf } from '../../components/period-select';
import { SpendSummary } from '../../features/dashboard/components/spend-summary';
import { SandboxOutbox } from '../../features/sandbox/components/sandbox-outbox';
import { TokenList } from '../../features/tokens/components/token-list';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../lib/use-page-title';

export function DashboardRoute() {
  usePageTitle('Dashboard');
  const [params, setParams] = useSearchParams();
  const period = periodOf(params.get('period'), '24h');
  const setPeriod = (next: ReportPeriod) => setParams(next === '24h' ? {} : { period: next }, { replace: true });
  const dashboard = useDashboard(period);
  const data = dashboard.data;

  return (
    <>
      <div className="section-header">
        <h1>Dashboard</h1>
        <PeriodSelect id="dashboard-period" value={period} onChange={setPeriod} />
      </div>
      <ErrorAlert error={dashboard.error} title="The dashboard could not be refreshed." />
      {dashboard.isPending && <p role="status">Loading dashboard…</p>}
      {data && (
        <>
          <DashboardCounters dashboard={data} />
          <section aria-labelledby="chart-title" className="card">
            <h2 id="chart-title">Attempts over time</h2>
            <DeliveriesChart dashboard={data} periodLabel={periodLabel(period)} />
          </section>
          <SpendSummary period={period} periodLabel={periodLabel(period)} />
          <section aria-labelledby="recent-activity-title">
            <h2 id="recent-activity-title">Recent OTP Activity</h2>
            {data.recentActivity.length === 0 ? (
              <EmptyState title="No OTPs yet: create a token and paste its values into Okta.">
                <Link to="/tokens/new">Create a token</Link>, then send a test with Okta's Preview on the telephony inline hook.
              </EmptyState>
            ) : (
              <ActivityTable items={data.recentActivity} caption="Recent OTP activity" />
            )}
            <Link to="/activity">See all activity</Link>
          </section>
          <section aria-labelledby="recent-events-title">
            <h2 id="recent-events-title">Recent Auth Events</h2>
            {data.recentAuthEvents.length === 0 ? <AuthEventsEmpty /> : <AuthEventsTable items={data.recentAuthEvents} caption="Recent Okta authentication events" />}
          </section>
          {data.mode === 'sandbox' && <SandboxOutbox />}
        </>
      )}
      <TokenList />
    </>
  );
}
