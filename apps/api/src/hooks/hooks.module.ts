import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { PolicyModule } from '../policy/policy.module';
import { TokensModule } from '../tokens/tokens.module';
import { TelephonyController } from './telephony.controller';
import { TelephonyHookService } from './telephony-hook.service';

@Module({
  imports: [TokensModule, PolicyModule, DeliveryModule],
  controllers: [TelephonyController],
  providers: [TelephonyHookService],
})
export class HooksModule {}
