import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NUMBER_INSIGHTS_CLIENT, NumberInsightsClient } from './number-insights.client';
import { VonageIdentityInsightsClient } from './vonage-identity-insights.client';

const DEFAULT_INSIGHTS_HOST = 'https://api-eu.vonage.com';

export function createNumberInsightsClient(config: AppConfig): NumberInsightsClient {
  return new VonageIdentityInsightsClient({
    applicationId: config.vonage.applicationId,
    privateKey: config.vonage.privateKey,
    host: config.vonageInsightsHost ?? DEFAULT_INSIGHTS_HOST,
    sdkTimeoutMs: config.insightsTimeoutMs,
  });
}

@Module({
  providers: [{ provide: NUMBER_INSIGHTS_CLIENT, inject: [APP_CONFIG], useFactory: createNumberInsightsClient }],
  exports: [NUMBER_INSIGHTS_CLIENT],
})
export class InsightsModule {}
