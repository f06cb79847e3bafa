import type { IncomingMessage, ServerResponse } from 'http';
import { readJsonBody, sendEmpty, sendJson, sendProblem } from '../http/http-io.util';
import { problems } from '../http/problem.factory';
import { verifyScenarioFor } from '../scenarios/last-four.scenario';
import { recordIn, type SimulatorJournal } from '../simulator-journal';
import { validateVerifyBody, type VerifyCreateInput } from './verify-body.validator';
import type { VerifyLifecycle } from './verify-lifecycle';
import { MAX_WRONG_CODES } from './verify-request.model';

export interface VerifyRouteContext {
  lifecycle: VerifyLifecycle;
  journal: SimulatorJournal;
  now: () => Date;
}

/** Answers a scenario that short-circuits creation; returns true when the response is handled (or left hanging). */
function answerScenario(input: VerifyCreateInput, res: ServerResponse): boolean {
  switch (verifyScenarioFor(input.workflow[0].to)) {
    case 'invalid-to':
      sendProblem(res, 422, problems.invalidParams([{ name: 'workflow[0]', reason: '`to` Phone number is invalid' }]));
      return true;
    case 'rate-limit':
      sendProblem(res, 429, problems.rateLimit());
      return true;
    case 'server-error':
      sendProblem(res, 500, problems.internalError());
      return true;
    case 'unavailable':
      sendProblem(res, 503, problems.unavailable());
      return true;
    case 'hang':
      return true; // never answered; close() ends it
    default:
      return false;
  }
}

export async function createVerification(ctx: VerifyRouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req);
  if (!body.ok) return sendProblem(res, 400, problems.malformedJson());
  const validation = validateVerifyBody(body.value);
  if (!validation.ok) {
    return validation.kind === 'sender' ? sendProblem(res, 422, problems.invalidSender()) : sendProblem(res, 422, problems.invalidParams(validation.invalid));
  }
  const input = validation.value;
  if (answerScenario(input, res)) return;
  // Disabling fraud checks needs an account capability the sandbox account never has.
  if (!input.fraudCheck) return sendProblem(res, 403, problems.forbidden());
  const active = ctx.lifecycle.findActiveTo(input.workflow[0].to);
  if (active) return sendProblem(res, 409, problems.concurrent(active.id));
  const request = ctx.lifecycle.create(input);
  const checkUrl = input.workflow[0].channel === 'silent_auth' ? { check_url: `https://api.nexmo.com/v2/verify/${request.id}/silent-auth/redirect` } : {};
  sendJson(res, 202, { request_id: request.id, ...checkUrl });
}

// One place decides the answer so every attempt is journaled with the status it got.
function judgeCode(ctx: VerifyRouteContext, id: string, code: string): { status: number; body: object } {
  const request = ctx.lifecycle.get(id);
  if (!request || (request.status !== 'active' && request.status !== 'failed')) return { status: 404, body: problems.notFound(id) };
  if (request.status === 'failed') return { status: 410, body: problems.tooManyAttempts() };
  if (request.steps[request.current].channel === 'silent_auth') return { status: 409, body: problems.codeNotSupported() };
  if (code === request.code) {
    ctx.lifecycle.complete(request);
    return { status: 200, body: { request_id: id, status: 'completed' } };
  }
  request.wrongAttempts += 1;
  if (request.wrongAttempts < MAX_WRONG_CODES) return { status: 400, body: problems.invalidCode() };
  ctx.lifecycle.failTooManyAttempts(request);
  return { status: 410, body: problems.tooManyAttempts() };
}

export async function checkCode(ctx: VerifyRouteContext, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req);
  if (!body.ok) return sendProblem(res, 400, problems.malformedJson());
  const code = (body.value as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || code === '') return sendProblem(res, 422, problems.invalidParams([{ name: 'code', reason: 'Code is required' }]));
  const outcome = judgeCode(ctx, id, code);
  recordIn(ctx.journal, ctx.journal.checks, { requestId: id, code, status: outcome.status, at: ctx.now() });
  if (outcome.status === 200) sendJson(res, 200, outcome.body);
  else sendProblem(res, outcome.status, outcome.body);
}

export function cancelVerification(ctx: VerifyRouteContext, id: string, res: ServerResponse): void {
  const request = ctx.lifecycle.get(id);
  if (!request || request.status !== 'active') return sendProblem(res, 404, problems.notFound(id));
  ctx.lifecycle.cancel(request);
  recordIn(ctx.journal, ctx.journal.cancels, id);
  sendEmpty(res, 204);
}

export function nextWorkflow(ctx: VerifyRouteContext, id: string, res: ServerResponse): void {
  const request = ctx.lifecycle.get(id);
  if (!request || request.status !== 'active') return sendProblem(res, 404, problems.notFound(id));
  if (!ctx.lifecycle.hasNextStep(request)) return sendProblem(res, 409, problems.noMoreEvents());
  ctx.lifecycle.advance(request, ctx.now());
  sendEmpty(res, 200);
}
