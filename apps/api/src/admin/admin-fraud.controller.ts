import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FraudRefusalDto, TrustedEntryDto } from '@otc/contracts';
import { AdminFraudService } from './admin-fraud.service';
import { AdminPrincipal, CurrentAdmin } from './admin-principal';
import type { AuditActor } from './audit.service';
import { FraudIdParamsDto, LiftRefusalBodyDto } from './dto/lift-refusal.dto';
import { TrustBodyDto, TrustRefusalBodyDto } from './dto/trust.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/fraud')
export class AdminFraudController {
  constructor(private readonly fraud: AdminFraudService) {}

  @Post('refusals/:id/lift')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a refusal now, on every instance within a second; the comment goes to the audit trail' })
  lift(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param() params: FraudIdParamsDto, @Body() body: LiftRefusalBodyDto): Promise<FraudRefusalDto> {
    return this.fraud.lift(admin, params.id, body.comment);
  }

  @Post('refusals/:id/trust')
  @HttpCode(201)
  @ApiOperation({ summary: "Trust what a refusal refused (its number, block, prefix or Okta user) for the refusal's token, without the number ever leaving the server" })
  trustRefusal(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param() params: FraudIdParamsDto, @Body() body: TrustRefusalBodyDto): Promise<TrustedEntryDto> {
    return this.fraud.trustRefusal(admin, params.id, body);
  }

  @Post('trusted')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a number (stored as a keyed hash), a number block or an Okta user to the trusted list: the guard never refuses it until it expires' })
  trust(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Body() body: TrustBodyDto): Promise<TrustedEntryDto> {
    return this.fraud.trust(admin, body);
  }

  @Delete('trusted/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an entry from the trusted list, on every instance within a second' })
  untrust(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param() params: FraudIdParamsDto): Promise<void> {
    return this.fraud.untrust(admin, params.id);
  }
}
