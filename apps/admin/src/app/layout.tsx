import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../components/error-alert';
import { useLogout } from '../features/auth/api/logout';
import { useHealth } from '../features/health/api/get-health';
import { SandboxBanner } from '../features/health/components/sandbox-banner';
import { useSession } from '../lib/use-session';

const NAV = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/activity', label: 'Activity', end: false },
  { to: '/fraud', label: 'Fraud', end: false },
  { to: '/tokens', label: 'Tokens', end: true },
  { to: '/tokens/new', label: 'Create token', end: true },
  { to: '/audit', label: 'Audit', end: false },
];

export function Layout() {
  const session = useSession();
  const health = useHealth();
  const navigate = useNavigate();
  const logout = useLogout({ onSettled: () => navigate('/sign-in', { replace: true }) });
  const mode = health.data?.mode ?? session?.mode;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <span className="header__product">Okta Telephony Connector</span>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="button button--ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
          Sign out
        </button>
      </header>
      {mode === 'sandbox' && <SandboxBanner />}
      {health.data?.status === 'error' && (
        <ErrorAlert error={new Error('The connector reports that it is not ready (database or Redis check failed). Deliveries may fail.')} />
      )}
      <main id="main" className="main">
        <Outlet />
      </main>
    </div>
  );
}
