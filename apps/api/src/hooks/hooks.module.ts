import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EventsModule } from '../events/events.module';
import { FraudModule } from '../fraud/fraud.module';
import { PolicyModule } from '../policy/policy.module';
import { TokensModule } from '../tokens/tokens.module';
import { EventsController } from './events.controller';
import { RawBodyCapture } from './raw-body-capture';
import { TelephonyController } from './telephony.controller';
import { TelephonyHookService } from './telephony-hook.service';
import { VonageStatusController } from './vonage-status.controller';

@Module({
  imports: [TokensModule, PolicyModule, DeliveryModule, EventsModule, FraudModule],
  controllers: [TelephonyController, EventsController, VonageStatusController],
  providers: [TelephonyHookService, RawBodyCapture],
})
export class HooksModule {}
