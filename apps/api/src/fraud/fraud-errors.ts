import type { FieldError } from '@otc/contracts';
import type { ErrorCode } from '../common/error-filter';

/** Errors of the fraud module; the global filter maps each code to an HTTP status. */
export class FraudError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'FRAUD_REFUSAL_NOT_FOUND' | 'INVALID_TRUSTED_ENTRY' | 'TRUSTED_ENTRY_NOT_FOUND'>,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}
