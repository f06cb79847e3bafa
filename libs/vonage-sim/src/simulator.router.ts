import type { IncomingMessage, ServerResponse } from 'http';
import { CredentialsGuard } from './auth/credentials.guard';
import { sendProblem } from './http/http-io.util';
import { problems } from './http/problem.factory';
import { requestInsights } from './insights/insights.routes';
import type { SimulatorJournal } from './simulator-journal';
import type { ResolvedOptions } from './simulator.types';
import type { VerifyLifecycle } from './verify/verify-lifecycle';
import { cancelVerification, checkCode, createVerification, nextWorkflow } from './verify/verify.routes';

export interface RouterContext {
  options: ResolvedOptions;
  journal: SimulatorJournal;
  lifecycle: VerifyLifecycle;
}

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const VERIFY_ITEM = /^\/v2\/verify\/([^/]+)$/;
const VERIFY_NEXT = /^\/v2\/verify\/([^/]+)\/next_workflow$/;

async function routeVerify(ctx: RouterContext, path: string, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const routeCtx = { lifecycle: ctx.lifecycle, journal: ctx.journal, now: ctx.options.now };
  if (path === '/v2/verify' && method === 'POST') return createVerification(routeCtx, req, res);
  const next = VERIFY_NEXT.exec(path);
  if (next && method === 'POST') return nextWorkflow(routeCtx, decodeURIComponent(next[1]), res);
  const item = VERIFY_ITEM.exec(path);
  if (item && method === 'POST') return checkCode(routeCtx, decodeURIComponent(item[1]), req, res);
  if (item && method === 'DELETE') return cancelVerification(routeCtx, decodeURIComponent(item[1]), res);
  sendProblem(res, 404, problems.routeNotFound());
}

export function createRouter(ctx: RouterContext): Route {
  const credentials = new CredentialsGuard(ctx.options);
  return async (req, res) => {
    // Time only moves with the injected clock, so channel timeouts are applied when traffic arrives.
    ctx.lifecycle.sweep();
    const path = new URL(req.url ?? '/', 'http://simulator').pathname.replace(/\/+$/, '');
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === '/identity-insights/v1/requests' && method === 'POST') {
      if (!credentials.isAuthorized(req, 'jwt-only')) return sendProblem(res, 401, problems.unauthorized());
      return requestInsights({ journal: ctx.journal, now: ctx.options.now }, req, res);
    }
    if (path === '/v2/verify' || path.startsWith('/v2/verify/')) {
      if (!credentials.isAuthorized(req, 'basic-or-jwt')) return sendProblem(res, 401, problems.unauthorized());
      return routeVerify(ctx, path, method, req, res);
    }
    sendProblem(res, 404, problems.routeNotFound());
  };
}
