import { Module } from '@nestjs/common';
import { ConnectorMetrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Module({
  providers: [{ provide: ConnectorMetrics, useFactory: () => new ConnectorMetrics() }],
  controllers: [MetricsController],
  exports: [ConnectorMetrics],
})
export class MetricsModule {}
