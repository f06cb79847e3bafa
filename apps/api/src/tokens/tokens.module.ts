import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenEntity } from './token.entity';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';
import { LastUsedRecorder } from './last-used-recorder';
import { HookAuthGuard } from './hook-auth.guard';
import { WrongSecretThrottle } from './wrong-secret-throttle';
import { OAuthAccessTokens } from './oauth-access-tokens';
import { TokenCache } from './token-cache';

@Module({
  imports: [TypeOrmModule.forFeature([TokenEntity])],
  providers: [
    TokensRepository,
    TokensService,
    TokenCache,
    LastUsedRecorder,
    OAuthAccessTokens,
    HookAuthGuard,
    { provide: WrongSecretThrottle, useFactory: () => new WrongSecretThrottle() },
  ],
  exports: [TokensService, HookAuthGuard, WrongSecretThrottle],
})
export class TokensModule {}
