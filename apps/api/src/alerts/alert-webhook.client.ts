import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Posts one alert body to ALERT_WEBHOOK_URL within the configured timeout; throws on anything but 2xx. */
@Injectable()
export class AlertWebhookClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async post(body: Record<string, unknown>): Promise<void> {
    const url = this.config.alertWebhookUrl;
    if (!url) throw new Error('ALERT_WEBHOOK_URL is not set');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.alertWebhookTimeoutMs),
      });
    } catch (error) {
      const cause = (error as Error).name === 'TimeoutError' ? `no answer within ${this.config.alertWebhookTimeoutMs} ms` : (error as Error).message;
      throw new Error(`webhook unreachable: ${cause}`);
    }
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}
