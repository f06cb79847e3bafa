import { TokenRoute } from './routes/token';
import type { RouteObject } from 'react-router-dom';
import { AuditLog } from '../features/audit/components/audit-log';
import { CreateTokenPage } from '../features/tokens/components/create-token-page';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';
import { ActivityRoute } from './routes/activity';
import { DashboardRoute } from './routes/dashboard';
import { FraudRoute } from './routes/fraud';
import { NotFoundRoute } from './routes/not-found';
import { SignInRoute } from './routes/sign-in';
import { TokensRoute } from './routes/tokens';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInRoute /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <DashboardRoute /> },
          { path: 'activity', element: <ActivityRoute /> },
          { path: 'fraud', element: <FraudRoute /> },
          { path: 'tokens', element: <TokensRoute /> },
          { path: 'tokens/new', element: <CreateTokenPage /> },
          { path: 'tokens/:id', element: <TokenRoute /> },
          { path: 'audit', element: <AuditLog /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];
