import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiErrorBody, FieldError } from '@otc/contracts';
import { randomUUID } from 'crypto';
import { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-unavailable';

/** Every code a module error may carry; a module error's code type is drawn from this union. */
export type ErrorCode =
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_NOT_ROTATABLE'
  | 'TOKEN_ALREADY_REVOKED'
  | 'TOKEN_NOT_EDITABLE'
  | 'TOKEN_POLICY_CHANGED'
  | 'INVALID_POLICY'
  | 'INVALID_TOKEN_NAME'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_CURSOR'
  | 'SANDBOX_DISABLED'
  | 'FRAUD_REFUSAL_NOT_ACTIVE'
  | 'FRAUD_REFUSAL_NOT_FOUND'
  | 'INVALID_TRUSTED_ENTRY'
  | 'TRUSTED_ENTRY_NOT_FOUND';

export interface CodedError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}

/** Each error code's HTTP status, in one place; a code without one does not compile. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  TOKEN_NOT_FOUND: HttpStatus.NOT_FOUND,
  TOKEN_NOT_ROTATABLE: HttpStatus.CONFLICT,
  TOKEN_ALREADY_REVOKED: HttpStatus.CONFLICT,
  TOKEN_NOT_EDITABLE: HttpStatus.CONFLICT,
  TOKEN_POLICY_CHANGED: HttpStatus.CONFLICT,
  INVALID_POLICY: HttpStatus.BAD_REQUEST,
  INVALID_TOKEN_NAME: HttpStatus.BAD_REQUEST,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  SANDBOX_DISABLED: HttpStatus.NOT_FOUND,
  FRAUD_REFUSAL_NOT_ACTIVE: HttpStatus.NOT_FOUND,
  FRAUD_REFUSAL_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_TRUSTED_ENTRY: HttpStatus.BAD_REQUEST,
  TRUSTED_ENTRY_NOT_FOUND: HttpStatus.NOT_FOUND,
};

function isCoded(error: unknown): error is CodedError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code in ERROR_STATUS;
}

/**
 * Clear 4xx bodies that name the field; unknown errors become 500 with an id that is logged, never a
 * stack. An unreachable database is 503. Callers with their own error shape extend `send`.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    this.send(host.switchToHttp().getResponse<FastifyReply>(), this.toBody(exception));
  }

  protected send(reply: FastifyReply, body: ApiErrorBody): void {
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (isCoded(exception)) {
      const statusCode = ERROR_STATUS[exception.code];
      return { statusCode, error: exception.code, message: exception.message, ...(exception.fields ? { fields: exception.fields } : {}) };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? exception.message)];
      const fields = (response as { fields?: FieldError[] }).fields;
      return { statusCode, error: HttpStatus[statusCode] ?? 'Error', message: messages.join('; '), ...(fields ? { fields } : {}) };
    }
    const status = (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: HttpStatus[status] ?? 'Error', message: (exception as Error).message };
    }
    const errorId = randomUUID();
    if (isDatabaseUnavailable(exception)) {
      this.logger.error(`Database unavailable, error ${errorId}: ${(exception as Error)?.message ?? String(exception)}`);
      return { statusCode: 503, error: 'Service Unavailable', message: `The database is unavailable; try again shortly (error id ${errorId})`, errorId };
    }
    this.logger.error(`Unhandled error ${errorId}: ${(exception as Error)?.message ?? String(exception)}`, (exception as Error)?.stack);
    return { statusCode: 500, error: 'Internal Server Error', message: `Something went wrong; quote error id ${errorId}`, errorId };
  }
}
