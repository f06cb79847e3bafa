import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FraudRefusalDto } from '@otc/contracts';
import { AdminFraudService } from './admin-fraud.service';
import { AdminPrincipal, CurrentAdmin } from './admin-principal';
import type { AuditActor } from './audit.service';
import { LiftRefusalBodyDto, RefusalIdParamsDto } from './dto/lift-refusal.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/fraud')
export class AdminFraudController {
  constructor(private readonly fraud: AdminFraudService) {}

  @Post('refusals/:id/lift')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a refusal now, on every instance within a second; the comment goes to the audit trail' })
  lift(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param() params: RefusalIdParamsDto, @Body() body: LiftRefusalBodyDto): Promise<FraudRefusalDto> {
    return this.fraud.lift(admin, params.id, body.comment);
  }
}

