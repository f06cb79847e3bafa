import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EventsModule } from '../events/events.module';
import { FraudModule } from '../fraud/fraud.module';
import { PolicyModule } from '../policy/policy.module';
import { TokensModule } from '../tokens/tokens.module';
import { SpendModule } from '../spend/spend.module';
import { EventsController } from './events.controller';
import { TelephonyController } from './telephony.controller';
import { TelephonyHookService } from './telephony-hook.service';

@Module({
  imports: [TokensModule, PolicyModule, DeliveryModule, EventsModule, FraudModule, SpendModule],
  controllers: [TelephonyController, EventsController],
  providers: [TelephonyHookService],
})
export class HooksModule {}
