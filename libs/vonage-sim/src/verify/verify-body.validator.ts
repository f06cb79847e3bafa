import type { InvalidParameter } from '../http/problem.factory';

export type WorkflowChannel = 'sms' | 'voice' | 'whatsapp' | 'email' | 'silent_auth';

export interface WorkflowStepInput {
  channel: WorkflowChannel;
  to: string;
  from?: string;
}

export interface VerifyCreateInput {
  brand: string;
  workflow: WorkflowStepInput[];
  code?: string;
  codeLength: number;
  channelTimeout: number;
  locale: string;
  clientRef?: string;
  fraudCheck: boolean;
}

export type VerifyValidation =
  | { ok: true; value: VerifyCreateInput }
  | { ok: false; kind: 'params'; invalid: InvalidParameter[] }
  | { ok: false; kind: 'sender' };

const CHANNELS: readonly string[] = ['sms', 'voice', 'whatsapp', 'email', 'silent_auth'];
// E.164 without '+' or '00': a country code never starts with 0.
const PHONE = /^[1-9]\d{6,14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SENDER = /^(\d{3,15}|[A-Za-z0-9]{3,11})$/;
const CODE = /^[A-Za-z0-9]{4,10}$/;
const LOCALE = /^[a-z]{2}-[a-z]{2}$/i;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIntIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

function validateStep(raw: unknown, index: number, invalid: InvalidParameter[]): { step?: WorkflowStepInput; badSender: boolean } {
  const name = `workflow[${index}]`;
  if (!isRecord(raw)) {
    invalid.push({ name, reason: 'Workflow step must be an object' });
    return { badSender: false };
  }
  const channel = raw.channel;
  if (typeof channel !== 'string' || !CHANNELS.includes(channel)) {
    invalid.push({ name, reason: '`channel` must be one of sms, voice, whatsapp, email, silent_auth' });
    return { badSender: false };
  }
  const to = raw.to;
  const toOk = typeof to === 'string' && (channel === 'email' ? EMAIL.test(to) : PHONE.test(to));
  if (!toOk) invalid.push({ name, reason: channel === 'email' ? '`to` Email address is invalid' : '`to` Phone number is invalid' });
  const from = raw.from;
  const badSender = from !== undefined && (typeof from !== 'string' || !SENDER.test(from));
  const step = toOk ? { channel: channel as WorkflowChannel, to: to as string, ...(typeof from === 'string' ? { from } : {}) } : undefined;
  return { step, badSender };
}

function validateCode(body: Record<string, unknown>, invalid: InvalidParameter[]): void {
  const { code, code_length: codeLength } = body;
  if (code !== undefined && (typeof code !== 'string' || !CODE.test(code))) {
    invalid.push({ name: 'code', reason: 'Code must be 4 to 10 alphanumeric characters' });
  }
  if (codeLength === undefined) return;
  if (!isIntIn(codeLength, 4, 10)) invalid.push({ name: 'code_length', reason: 'Code length must be between 4 and 10' });
  else if (typeof code === 'string' && code.length !== codeLength) {
    invalid.push({ name: 'code_length', reason: 'Code length must match the length of the provided code' });
  }
}

function validateOptionalFields(body: Record<string, unknown>, invalid: InvalidParameter[]): void {
  const { channel_timeout: timeout, locale, client_ref: clientRef, fraud_check: fraudCheck } = body;
  if (timeout !== undefined && !isIntIn(timeout, 15, 900)) invalid.push({ name: 'channel_timeout', reason: 'Channel timeout must be between 15 and 900 seconds' });
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALE.test(locale))) invalid.push({ name: 'locale', reason: 'Locale is invalid' });
  if (clientRef !== undefined && (typeof clientRef !== 'string' || clientRef.length > 40)) invalid.push({ name: 'client_ref', reason: 'Client reference must be a string of at most 40 characters' });
  if (fraudCheck !== undefined && typeof fraudCheck !== 'boolean') invalid.push({ name: 'fraud_check', reason: 'Fraud check must be a boolean' });
}

export function validateVerifyBody(body: unknown): VerifyValidation {
  if (!isRecord(body)) return { ok: false, kind: 'params', invalid: [{ name: 'body', reason: 'Request body must be a JSON object' }] };
  const invalid: InvalidParameter[] = [];
  const { brand, workflow } = body;
  if (typeof brand !== 'string' || brand.length === 0) invalid.push({ name: 'brand', reason: 'Brand is required' });
  else if (brand.length > 16) invalid.push({ name: 'brand', reason: 'Brand must be at most 16 characters' });
  const steps: WorkflowStepInput[] = [];
  let badSender = false;
  if (!Array.isArray(workflow) || workflow.length === 0) invalid.push({ name: 'workflow', reason: 'Workflow must be a non-empty array' });
  else workflow.forEach((raw, i) => {
    const result = validateStep(raw, i, invalid);
    if (result.step) steps.push(result.step);
    badSender ||= result.badSender;
  });
  validateCode(body, invalid);
  validateOptionalFields(body, invalid);
  if (invalid.length > 0) return { ok: false, kind: 'params', invalid };
  if (badSender) return { ok: false, kind: 'sender' };
  return { ok: true, value: toInput(body, steps) };
}

function toInput(body: Record<string, unknown>, workflow: WorkflowStepInput[]): VerifyCreateInput {
  const code = body.code as string | undefined;
  return {
    brand: body.brand as string,
    workflow,
    ...(code !== undefined ? { code } : {}),
    codeLength: code?.length ?? (body.code_length as number | undefined) ?? 4,
    channelTimeout: (body.channel_timeout as number | undefined) ?? 180,
    locale: ((body.locale as string | undefined) ?? 'en-us').toLowerCase(),
    ...(body.client_ref !== undefined ? { clientRef: body.client_ref as string } : {}),
    fraudCheck: (body.fraud_check as boolean | undefined) ?? true,
  };
}
