import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { AdminPrincipal, CurrentAdmin } from './admin-principal';
import { AdminTokensService } from './admin-tokens.service';
import type { AuditActor } from './audit.service';
import { CreateTokenBodyDto } from './dto/create-token.dto';
import { UpdateTokenPolicyBodyDto } from './dto/update-token-policy.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/tokens')
export class AdminTokensController {
  constructor(private readonly tokens: AdminTokensService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a token; the answer holds the four values for Okta, the secret shown only this once' })
  create(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Body() body: CreateTokenBodyDto): Promise<TokenCreatedDto> {
    return this.tokens.create(admin, body.name, body.policy);
  }

  @Get()
  @ApiOperation({ summary: 'All tokens, newest first, without secrets' })
  list(): Promise<TokenDto[]> {
    return this.tokens.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One token by id or short id' })
  get(@Param('id') id: string): Promise<TokenDto> {
    return this.tokens.get(id);
  }

  @Patch(':id/policy')
  @ApiOperation({ summary: 'Edit the policy in place: same id and secret, next revision, audited' })
  updatePolicy(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param('id') id: string, @Body() body: UpdateTokenPolicyBodyDto): Promise<TokenDto> {
    return this.tokens.updatePolicy(admin, id, body.policy, body.revision ?? null);
  }

  @Post(':id/rotate')
  @HttpCode(201)
  @ApiOperation({ summary: 'New secret, same policy; the old secret keeps working for 24 h' })
  rotate(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param('id') id: string): Promise<TokenCreatedDto> {
    return this.tokens.rotate(admin, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke at once, on every instance; final' })
  revoke(@CurrentAdmin() admin: AdminPrincipal & AuditActor, @Param('id') id: string): Promise<TokenDto> {
    return this.tokens.revoke(admin, id);
  }
}
