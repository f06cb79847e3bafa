import { adminSignIn } from './admin-client';
import { AlertReceiver } from './alert-receiver';
import { startTestConnector, StartOptions, TestConnector } from './test-app';

/** What makes a connector post its alerts to `url`, looked for every 200 ms so tests wait little. */
export function alertsTo(url: string, format?: 'slack' | 'json'): Record<string, string> {
  return { ALERT_WEBHOOK_URL: url, ALERT_POLL_MS: '200', ...(format ? { ALERT_WEBHOOK_FORMAT: format } : {}) };
}

export interface ConnectorWithAlerts {
  connector: TestConnector;
  /** An admin session on the connector. */
  jwt: string;
  receiver: AlertReceiver;
  stop(): Promise<void>;
}

/** A connector whose alerts go to a local receiver, and an admin signed in to it. */
export async function startConnectorWithAlerts(options: StartOptions = {}): Promise<ConnectorWithAlerts> {
  const receiver = new AlertReceiver();
  const url = await receiver.start();
  const connector = await startTestConnector({ ...options, env: { ...options.env, ...alertsTo(url) } });
  return {
    connector,
    jwt: await adminSignIn(connector),
    receiver,
    async stop() {
      await connector.stop();
      await receiver.stop();
    },
  };
}
