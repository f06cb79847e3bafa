import { usePageTitle } from '../../lib/use-page-title';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { useHealth } from '../../features/health/api/get-health';
import { SandboxBanner } from '../../features/health/components/sandbox-banner';
import { getSessionNotice } from '../../lib/session';
import { useSession } from '../../lib/use-session';

export function SignInRoute() {
  usePageTitle('Admin sign-in');
  const session = useSession();
  const health = useHealth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session) return <Navigate to={from} replace />;
  const sandbox = health.data?.mode === 'sandbox';
  return (
    <div className="sign-in-page">
      {sandbox && <SandboxBanner />}
      <main className="main main--narrow">
        <p className="header__product">Okta Telephony Connector</p>
        <SignInForm sandbox={sandbox} notice={getSessionNotice()} onSignedIn={() => navigate(from, { replace: true })} />
      </main>
    </div>
  );
}
