import type { VerifyScenario } from '../scenarios/last-four.scenario';
import type { VerifyCreateInput, WorkflowStepInput } from './verify-body.validator';

// Step statuses use the vocabulary of Vonage's summary callback ('unused' = never started).
export type StepStatus = 'unused' | 'active' | 'completed' | 'failed' | 'expired' | 'blocked';
export type RequestStatus = 'active' | 'completed' | 'cancelled' | 'failed' | 'expired' | 'blocked';

export interface WorkflowStepState extends WorkflowStepInput {
  status: StepStatus;
  initiatedAt?: Date;
  reason?: string;
}

export interface VerifyRequestState {
  id: string;
  input: VerifyCreateInput;
  code: string;
  steps: WorkflowStepState[];
  current: number;
  status: RequestStatus;
  scenario: VerifyScenario;
  submittedAt: Date;
  stepStartedAt: Date;
  /** Submission time plus the sum of every step's channel timeout. */
  expiresAt: Date;
  wrongAttempts: number;
  finalizedAt?: Date;
}

/** Wrong codes allowed before the workflow is terminated with 410. */
export const MAX_WRONG_CODES = 3;
