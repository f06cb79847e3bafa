import { ACTIVITY_STATUSES, CHANNELS } from '@otc/contracts';
import type { ActivityStatus, Channel } from '@otc/contracts';
import { AfterFrom, OneOf, OptionalDateTime, OptionalUuid, PageCursor, PageLimit } from './query-fields';

/** Filters of the activity list and its CSV export. */
export class ActivityFiltersDto {
  @OneOf(ACTIVITY_STATUSES)
  status?: ActivityStatus;

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
