import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalDateTime, OptionalUuid, PageCursor, PageLimit } from './query-fields';

export class AuthEventQueryDto {
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
