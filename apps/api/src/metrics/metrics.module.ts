import { Global, Module } from '@nestjs/common';
import { ConnectorMetrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  providers: [{ provide: ConnectorMetrics, useFactory: () => new ConnectorMetrics() }],
  controllers: [MetricsController],
  exports: [ConnectorMetrics],
})
export class MetricsModule {}
