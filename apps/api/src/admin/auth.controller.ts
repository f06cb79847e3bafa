import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse } from '@otc/contracts';
import { AdminAuthService } from './admin-auth.service';
import { AdminPrincipal, ClientAddress, CurrentAdmin } from './admin-principal';
import type { AuditActor } from './audit.service';
import { LoginBodyDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { Public } from '../common/public-route';

@ApiTags('admin')
@Controller('v1/admin')
export class AuthController {
  constructor(private readonly auth: AdminAuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Admin sign-in with the Vonage API key and secret of this instance' })
  login(@Body() body: LoginBodyDto, @ClientAddress() clientAddress: string | null): Promise<LoginResponse> {
    return this.auth.login(body, clientAddress);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this admin session on every instance' })
  logout(@CurrentAdmin() admin: AdminPrincipal & AuditActor): Promise<void> {
    return this.auth.logout(admin);
  }
}
