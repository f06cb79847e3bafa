import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AUTH_EVENT_KINDS } from '../../events/auth-event-filters';
import type { AuthEventKind } from '../../events/auth-event-filters';
import { OptionalDateTime, OptionalUuid, PageCursor, PageLimit } from './query-fields';

export class AuthEventQueryDto {
  @ApiPropertyOptional({ enum: AUTH_EVENT_KINDS, description: "okta: Okta's events; conversion: the connector's conversion checks" })
  @IsOptional()
  @IsIn(AUTH_EVENT_KINDS)
  kind?: AuthEventKind;

  @OptionalUuid()
  tokenId?: string;

  @ApiPropertyOptional({ example: 'user.authentication.auth_via_mfa' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'eventType is too long' })
  eventType?: string;

  @OptionalDateTime()
  from?: Date;

  @OptionalDateTime()
  to?: Date;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
