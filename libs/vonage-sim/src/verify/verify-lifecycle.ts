import { randomInt, randomUUID } from 'crypto';
import type { CallbackDispatcher } from '../callbacks/callback.dispatcher';
import { verifyScenarioFor } from '../scenarios/last-four.scenario';
import { recordIn, type SimulatorJournal } from '../simulator-journal';
import type { VerifyCreateInput } from './verify-body.validator';
import { buildEventCallback, buildSummaryCallback } from './verify-callback.builder';
import { startStepMessage } from './verify-message.factory';
import type { RequestStatus, StepStatus, VerifyRequestState } from './verify-request.model';

// Reason worded like the documented anti-fraud summary; 23415 is a UK mobile network code.
const BLOCK_REASON = 'Fraudulent traffic detected for your account on network [ 23415 ].';

const generateCode = (length: number) => Array.from({ length }, () => randomInt(10)).join('');

// Failed requests (too many wrong codes) keep answering 410; the oldest are forgotten beyond this.
const MAX_FAILED_REMEMBERED = 10_000;

/** Owns Verify requests and their state changes; every change records what Vonage would emit. */
export class VerifyLifecycle {
  // Only open requests can time out, conflict or be checked. A finished request answers like an
  // unknown one (404), so it is forgotten, except a failed one, which answers 410: memory stays flat
  // however long the simulator runs.
  private readonly active = new Map<string, VerifyRequestState>();
  private readonly failed = new Map<string, VerifyRequestState>();
  private readonly activeByTo = new Map<string, VerifyRequestState>();
  // Open requests by when they next have something due (a step timeout or expiry), earliest first:
  // a sweep touches only what is due, however many requests are open.
  private readonly due = new DueQueue();

  constructor(
    private readonly now: () => Date,
    private readonly journal: SimulatorJournal,
    private readonly callbacks: CallbackDispatcher,
  ) {}

  get(id: string): VerifyRequestState | undefined {
    return this.active.get(id) ?? this.failed.get(id);
  }

  findActiveTo(to: string): VerifyRequestState | undefined {
    return this.activeByTo.get(to);
  }

  create(input: VerifyCreateInput): VerifyRequestState {
    const submittedAt = this.now();
    const lifetimeMs = input.channelTimeout * 1000 * input.workflow.length;
    const request: VerifyRequestState = {
      id: randomUUID(),
      input,
      code: input.code ?? generateCode(input.codeLength),
      steps: input.workflow.map((step) => ({ ...step, status: 'unused' as StepStatus })),
      current: 0,
      status: 'active',
      scenario: verifyScenarioFor(input.workflow[0].to),
      submittedAt,
      stepStartedAt: submittedAt,
      expiresAt: new Date(submittedAt.getTime() + lifetimeMs),
      wrongAttempts: 0,
    };
    this.active.set(request.id, request);
    this.activeByTo.set(request.steps[0].to, request);
    if (request.scenario === 'blocked') this.block(request);
    else this.startStep(request, submittedAt);
    return request;
  }

  complete(request: VerifyRequestState): void {
    request.steps[request.current].status = 'completed';
    this.finalize(request, 'completed');
  }

  failTooManyAttempts(request: VerifyRequestState): void {
    request.steps[request.current].status = 'failed';
    this.finalize(request, 'failed');
  }

  cancel(request: VerifyRequestState): void {
    request.status = 'cancelled';
    request.finalizedAt = this.now();
    this.deactivate(request);
  }

  hasNextStep(request: VerifyRequestState): boolean {
    return request.current + 1 < request.steps.length;
  }

  advance(request: VerifyRequestState, at: Date): void {
    this.closeCurrentStep(request);
    request.current += 1;
    this.startStep(request, at);
  }

  /** Applies channel timeouts and request expiry up to the injected clock's present. */
  sweep(): void {
    const now = this.now().getTime();
    for (let entry = this.due.popDue(now); entry; entry = this.due.popDue(now)) {
      const { request } = entry;
      // Entries of finished requests, or from before a step changed, are stale.
      if (!this.active.has(request.id) || this.dueAt(request) !== entry.at) continue;
      const timeoutMs = request.input.channelTimeout * 1000;
      while (this.hasNextStep(request) && request.stepStartedAt.getTime() + timeoutMs <= Math.min(now, request.expiresAt.getTime() - 1)) {
        this.advance(request, new Date(request.stepStartedAt.getTime() + timeoutMs));
      }
      if (now >= request.expiresAt.getTime()) {
        this.closeCurrentStep(request);
        this.finalize(request, 'expired');
      }
    }
  }

  reset(): void {
    this.active.clear();
    this.failed.clear();
    this.activeByTo.clear();
    this.due.clear();
  }

  private dueAt(request: VerifyRequestState): number {
    const stepDue = this.hasNextStep(request) ? request.stepStartedAt.getTime() + request.input.channelTimeout * 1000 : Infinity;
    return Math.min(stepDue, request.expiresAt.getTime());
  }

  private deactivate(request: VerifyRequestState): void {
    this.active.delete(request.id);
    if (this.activeByTo.get(request.steps[0].to) === request) this.activeByTo.delete(request.steps[0].to);
  }

  private rememberFailed(request: VerifyRequestState): void {
    this.failed.set(request.id, request);
    if (this.failed.size > MAX_FAILED_REMEMBERED) this.failed.delete(this.failed.keys().next().value!);
  }

  private closeCurrentStep(request: VerifyRequestState): void {
    const step = request.steps[request.current];
    if (step.status === 'active') step.status = 'expired';
  }

  private startStep(request: VerifyRequestState, at: Date): void {
    const step = request.steps[request.current];
    step.status = 'active';
    step.initiatedAt = at;
    request.stepStartedAt = at;
    if (this.active.has(request.id)) this.due.push({ at: this.dueAt(request), request });
    const message = startStepMessage(request, step, at);
    if (message) recordIn(this.journal, this.journal.messages, message);
    // Scenario 0777: the SMS is reported undeliverable; the request stays open for a fallback step.
    const failed = step.channel === 'sms' && request.scenario === 'sms-fails';
    if (failed) step.status = 'failed';
    this.callbacks.dispatch(buildEventCallback(request, step, failed ? 'failed' : 'completed', at));
  }

  private block(request: VerifyRequestState): void {
    const step = request.steps[0];
    step.status = 'blocked';
    step.initiatedAt = request.submittedAt;
    step.reason = BLOCK_REASON;
    this.finalize(request, 'blocked');
  }

  private finalize(request: VerifyRequestState, status: RequestStatus): void {
    request.status = status;
    request.finalizedAt = this.now();
    this.deactivate(request);
    if (status === 'failed') this.rememberFailed(request);
    this.callbacks.dispatch(buildSummaryCallback(request));
  }
}

interface DueEntry {
  at: number;
  request: VerifyRequestState;
}

/** A binary min-heap on `at`: push and pop in O(log n). */
class DueQueue {
  private readonly heap: DueEntry[] = [];

  push(entry: DueEntry): void {
    const heap = this.heap;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= heap[i].at) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  /** The earliest entry if it is due at `now`, removed; undefined otherwise. */
  popDue(now: number): DueEntry | undefined {
    const heap = this.heap;
    if (heap.length === 0 || heap[0].at > now) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left].at < heap[smallest].at) smallest = left;
        if (right < heap.length && heap[right].at < heap[smallest].at) smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }

  clear(): void {
    this.heap.length = 0;
  }
}
