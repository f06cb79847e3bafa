import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NUMBER_INSIGHTS_CLIENT, NumberInsightsClient } from './number-insights.client';
import { VonageIdentityInsightsClient } from './vonage-identity-insights.client';
import { ConnectorMetrics } from '../metrics/metrics';

const DEFAULT_INSIGHTS_HOST = 'https://api-eu.vonage.com';

export function createNumberInsightsClient(config: AppConfig, metrics: ConnectorMetrics): NumberInsightsClient {
  const client = new VonageIdentityInsightsClient({
    applicationId: config.vonage.applicationId,
    privateKey: config.vonage.privateKey,
    host: config.vonageInsightsHost ?? DEFAULT_INSIGHTS_HOST,
    sdkTimeoutMs: config.insightsTimeoutMs,
  });
  return { lookup: (request, options) => metrics.timeVonage('insights.lookup', () => client.lookup(request, options), () => 'ok') };
}

@Module({
  providers: [{ provide: NUMBER_INSIGHTS_CLIENT, inject: [APP_CONFIG, ConnectorMetrics], useFactory: createNumberInsightsClient }],
  exports: [NUMBER_INSIGHTS_CLIENT],
})
export class InsightsModule {}
