import type { TokenCreatedDto } from '@otc/contracts';
import { CopyField } from './copy-field';
import { OktaSetupSteps } from './okta-setup-steps';

interface OneTimeSecretPanelProps {
  created: TokenCreatedDto;
  title: string;
  onDone: () => void;
}

/** The only place a token secret is ever shown. */
export function OneTimeSecretPanel({ created, title, onDone }: OneTimeSecretPanelProps) {
  return (
    <section className="card secret-panel" aria-labelledby="secret-panel-title">
      <h2 id="secret-panel-title" tabIndex={-1} ref={(el) => el?.focus()}>
        {title}
      </h2>
      <p role="alert" className="alert alert--warning">
        <strong>This secret is shown only once.</strong> Copy the four values into Okta now; the connector stores only a hash of
        the secret and cannot show it again.
      </p>
      <CopyField label="Telephony Webhook URL" value={created.telephonyWebhookUrl} />
      <CopyField label="Event Webhook URL" value={created.eventWebhookUrl} />
      <CopyField label="Auth Header Name" value={created.authHeaderName} />
      <CopyField label="Token Secret" value={created.tokenSecret} secret />
      <OktaSetupSteps />
      <button type="button" className="button button--primary" onClick={onDone}>
        I have copied the values
      </button>
    </section>
  );
}
