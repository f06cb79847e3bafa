import type { FieldError } from '@otc/contracts';
import type { ErrorCode } from '../common/error-filter';

/** Errors of the admin module; the global filter maps each code to an HTTP status. */
export class AdminError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'INVALID_CREDENTIALS' | 'INVALID_CURSOR' | 'SANDBOX_DISABLED' | 'FRAUD_REFUSAL_NOT_ACTIVE'>,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}
