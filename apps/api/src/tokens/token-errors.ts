import type { FieldError } from '@otc/contracts';
import type { ErrorCode } from '../common/error-filter';

/** Errors of the tokens module; the global filter maps each code to an HTTP status. */
export class TokenError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'TOKEN_NOT_FOUND' | 'TOKEN_NOT_ROTATABLE' | 'TOKEN_ALREADY_REVOKED' | 'TOKEN_NOT_EDITABLE' | 'TOKEN_POLICY_CHANGED' | 'INVALID_POLICY' | 'INVALID_TOKEN_NAME'>,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}
