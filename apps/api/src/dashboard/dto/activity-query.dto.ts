import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_OUTCOMES, CHANNELS } from '@otc/contracts';
import type { ActivityOutcome, Channel } from '@otc/contracts';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AfterFrom, OneOf, OneOrMoreOf, OptionalDateTime, OptionalUuid, PageCursor, PageLimit } from './query-fields';

/** Filters of the activity list and its CSV export. */
export class ActivityFiltersDto {
  @OneOrMoreOf(ACTIVITY_OUTCOMES)
  outcome?: ActivityOutcome[];

  @ApiPropertyOptional({ description: 'A full phone number (matched through its keyed hash), an Okta user id or login' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @OneOf(CHANNELS)
  channel?: Channel;

  @OptionalUuid()
  tokenId?: string;

  @OptionalDateTime()
  from?: Date;

  @OptionalDateTime()
  @AfterFrom()
  to?: Date;
}

export class ActivityQueryDto extends ActivityFiltersDto {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
