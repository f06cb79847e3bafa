import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { UUID_PATTERN } from '@otc/contracts';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { decodeCursor } from '../../common/page';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

const upperCase = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value));

/** An optional query value from a fixed list, matched without regard to case. */
export function OneOf(values: readonly string[]) {
  return applyDecorators(ApiPropertyOptional({ enum: values }), IsOptional(), upperCase, IsIn(values as string[]));
}

export function OptionalUuid() {
  return applyDecorators(ApiPropertyOptional({ format: 'uuid' }), IsOptional(), IsString(), Matches(UUID_PATTERN, { message: ({ property }) => `${property} must be a UUID` }));
}

export function OptionalDateTime() {
  return applyDecorators(
    ApiPropertyOptional({ format: 'date-time' }),
    IsOptional(),
    Type(() => Date),
    IsDate({ message: ({ property }) => `${property} must be an ISO-8601 date-time` }),
  );
}

/** An optional comma-separated list, each item (matched without regard to case) from a fixed list. */
export function OneOrMoreOf(values: readonly string[]) {
  return applyDecorators(
    ApiPropertyOptional({ description: `comma-separated: ${values.join(', ')}` }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [...new Set(value.split(',').map((v) => v.trim().toUpperCase()))] : value)),
    IsIn(values as string[], { each: true, message: ({ property }) => `${property} accepts a comma-separated list of ${values.join(', ')}` }),
  );
}

/** `to` must come after `from` when both are given. */
export function AfterFrom() {
  return ValidateBy({
    name: 'afterFrom',
    validator: {
      validate: (to: unknown, args?: ValidationArguments) => {
        const from = (args?.object as { from?: unknown }).from;
        return !(from instanceof Date && to instanceof Date) || from < to;
      },
      defaultMessage: () => 'to must be after from',
    },
  });
}

export function PageLimit() {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` }),
    Min(1, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` }),
    Max(MAX_PAGE_SIZE, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` }),
  );
}

/** A nextCursor this API returned for rows keyed by (timestamp, uuid). */
export function PageCursor() {
  return applyDecorators(
    ApiPropertyOptional({ description: 'nextCursor of the previous page' }),
    IsOptional(),
    ValidateBy({
      name: 'pageCursor',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeCursor(value, UUID_PATTERN) !== null,
        defaultMessage: () => 'cursor is not a cursor returned by this API',
      },
    }),
  );
}
