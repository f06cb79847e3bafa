import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { readJsonBody, sendJson, sendProblem } from '../http/http-io.util';
import { problems, type InvalidParameter } from '../http/problem.factory';
import { insightsScenarioFor, type InsightsScenario } from '../scenarios/last-four.scenario';
import { recordIn, type SimulatorJournal } from '../simulator-journal';
import { buildCarrier, buildFormat, buildSimSwap, STATUS_INVALID_FORMAT, STATUS_NOT_FOUND } from './insight-builders';

export interface InsightsRouteContext {
  journal: SimulatorJournal;
  now: () => Date;
}

// Insights the simulator answers; others (subscriber_match, location_verification) are left out of the answer.
const SUPPORTED = ['format', 'original_carrier', 'current_carrier', 'sim_swap'] as const;
type SupportedInsight = (typeof SUPPORTED)[number];

interface InsightsInput {
  phoneNumber: string;
  purpose: unknown;
  requested: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validate(body: unknown): { input?: InsightsInput; invalid: InvalidParameter[] } {
  const invalid: InvalidParameter[] = [];
  const record = isRecord(body) ? body : {};
  const phone = record.phone_number;
  if (typeof phone !== 'string' || !/^\+?\d{1,15}$/.test(phone)) invalid.push({ name: 'phone_number', reason: 'Phone number is required, country code first' });
  const insights = record.insights;
  if (!isRecord(insights) || Object.keys(insights).length === 0) invalid.push({ name: 'insights', reason: 'At least one insight must be requested' });
  if (invalid.length > 0) return { invalid };
  return { input: { phoneNumber: phone as string, purpose: record.purpose, requested: Object.keys(insights as object) }, invalid };
}

function buildInsight(name: SupportedInsight, input: InsightsInput, scenario: InsightsScenario): object {
  if (scenario.kind === 'not-found') return { status: STATUS_NOT_FOUND };
  const invalidFormat = scenario.kind === 'invalid-format';
  if (name === 'format') return buildFormat(input.phoneNumber, invalidFormat);
  if (invalidFormat) return { status: STATUS_INVALID_FORMAT };
  if (name === 'sim_swap') return buildSimSwap(input.purpose);
  return buildCarrier(input.phoneNumber, scenario.kind === 'network-type' ? scenario.networkType : 'MOBILE');
}

/** Answers a failure scenario; returns true when the response is handled (or left hanging). */
function answerFailure(scenario: InsightsScenario, res: ServerResponse): boolean {
  if (scenario.kind === 'server-error') sendProblem(res, 500, problems.internalError());
  else if (scenario.kind === 'rate-limit') sendProblem(res, 429, problems.rateLimit());
  return scenario.kind === 'server-error' || scenario.kind === 'rate-limit' || scenario.kind === 'hang';
}

export async function requestInsights(ctx: InsightsRouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req);
  if (!body.ok) return sendProblem(res, 400, problems.malformedJson());
  const { input, invalid } = validate(body.value);
  if (!input) return sendProblem(res, 422, problems.invalidParams(invalid));
  recordIn(ctx.journal, ctx.journal.insightsRequests, { phoneNumber: input.phoneNumber, insights: input.requested, at: ctx.now() });
  const scenario = insightsScenarioFor(input.phoneNumber);
  if (answerFailure(scenario, res)) return;
  const insights: Record<string, object> = {};
  for (const name of SUPPORTED) {
    if (input.requested.includes(name)) insights[name] = buildInsight(name, input, scenario);
  }
  sendJson(res, 200, { request_id: randomUUID(), insights });
}
