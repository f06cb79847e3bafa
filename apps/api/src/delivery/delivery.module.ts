import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActivityEntity } from './activity.entity';
import { ActivityRepository } from './activity.repository';
import { ActivityService } from './activity.service';
import { CodeCipher } from './code-cipher';
import { DeliveryService } from './delivery.service';
import { VERIFY_CLIENT } from './verify.client';
import { VonageVerifyClient } from './vonage-verify.client';

@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntity])],
  providers: [
    {
      provide: VERIFY_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new VonageVerifyClient({
          applicationId: config.vonage.applicationId,
          privateKey: config.vonage.privateKey,
          apiHost: config.vonageApiHost ?? 'https://api.nexmo.com',
        }),
    },
    { provide: CodeCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new CodeCipher(config.encryptionKey) },
    ActivityRepository,
    ActivityService,
    DeliveryService,
  ],
  exports: [DeliveryService, ActivityService, VERIFY_CLIENT, CodeCipher],
})
export class DeliveryModule {}
