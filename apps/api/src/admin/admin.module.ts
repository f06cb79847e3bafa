import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FraudModule } from '../fraud/fraud.module';
import { TokensModule } from '../tokens/tokens.module';
import { AdminFraudController } from './admin-fraud.controller';
import { AdminFraudService } from './admin-fraud.service';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminAuthService } from './admin-auth.service';
import { AdminSessionEntity } from './admin-session.entity';
import { AdminSessionsRepository } from './admin-sessions.repository';
import { AdminTokensController } from './admin-tokens.controller';
import { AdminTokensService } from './admin-tokens.service';
import { AuditController } from './audit.controller';
import { AuditModule } from './audit.module';
import { AuthController } from './auth.controller';
import { JwtStrategy } from './jwt.strategy';
import { LOGIN_THROTTLES, LoginThrottlerGuard } from './login-throttler.guard';
import { SandboxMessagesController } from './sandbox-messages.controller';
import { SandboxMessagesService } from './sandbox-messages.service';

@Module({
  imports: [
    TokensModule,
    FraudModule,
    AuditModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    TypeOrmModule.forFeature([AdminSessionEntity]),
    // In-memory store, this module only: it limits nothing but the routes that use LoginThrottlerGuard.
    ThrottlerModule.forRoot(LOGIN_THROTTLES),
  ],
  controllers: [AuthController, AdminTokensController, AdminFraudController, AuditController, SandboxMessagesController],
  providers: [
    AdminSessionsRepository,
    AdminAuthService,
    AdminTokensService,
    AdminFraudService,
    SandboxMessagesService,
    JwtStrategy,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AdminAuthGuard },
  ],
})
export class AdminModule {}
