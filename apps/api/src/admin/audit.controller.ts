import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntryDto, Page } from '@otc/contracts';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Admin actions, newest first; pass nextCursor as cursor for the next page' })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.page(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }
}
