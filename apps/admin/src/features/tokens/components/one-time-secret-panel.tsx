import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import type { TokenCreatedDto } from '@otc/contracts';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CopyField } from './copy-field';
import { OktaSetupSteps } from './okta-setup-steps';

interface OneTimeSecretPanelProps {
  created: TokenCreatedDto;
  title: string;
  onDone: () => void;
}

/** Okta calls hooks only over public HTTPS; a URL it cannot reach is worth saying before it is pasted. */
export function publicHttpsProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\.|^0\.0\.0\.0$|^::1$|^10\.|^192\.168\.|^172\.(1[6-9]|2\d|3[01])\./.test(host)) {
    return `points at ${host}, which Okta cannot reach from the internet`;
  }
  if (parsed.protocol !== 'https:') return 'uses plain http://, which Okta refuses';
  return null;
}

function HttpsWarning({ created }: { created: TokenCreatedDto }) {
  const problem = publicHttpsProblem(created.telephonyWebhookUrl) ?? publicHttpsProblem(created.eventWebhookUrl);
  if (!problem) return null;
  return (
    <div className="alert alert--warning">
      <strong>Okta needs public HTTPS.</strong> These webhook URLs {problem}. Set <code>PUBLIC_URL</code> to the connector's public https:// address
      (or put an HTTPS tunnel in front of it for a trial) before pasting them into Okta.
    </div>
  );
}

/** The only place a token secret is ever shown; leaving it by a link or by closing the tab asks first. */
export function OneTimeSecretPanel({ created, title, onDone }: OneTimeSecretPanelProps) {
  const acknowledged = useRef(false);
  const blocker = useBlocker(() => !acknowledged.current);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (acknowledged.current) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const done = () => {
    acknowledged.current = true;
    onDone();
  };

  return (
    <section className="card secret-panel" aria-labelledby="secret-panel-title">
      <h2 id="secret-panel-title" tabIndex={-1} ref={(el) => el?.focus()}>
        {title}
      </h2>
      <p role="alert" className="alert alert--warning">
        <strong>This secret is shown only once.</strong> Copy the four values into Okta now; the connector stores only a hash of
        the secret and cannot show it again.
      </p>
      <HttpsWarning created={created} />
      <CopyField label="Telephony Webhook URL" value={created.telephonyWebhookUrl} />
      <CopyField label="Event Webhook URL" value={created.eventWebhookUrl} />
      <CopyField label="Auth Header Name" value={created.authHeaderName} />
      <CopyField label="Token Secret" value={created.tokenSecret} secret />
      <OktaSetupSteps />
      <button type="button" className="button button--primary" onClick={done}>
        I have copied the values
      </button>
      {blocker.state === 'blocked' && (
        <ConfirmDialog
          title="Leave without the secret?"
          confirmLabel="Leave and lose the secret"
          danger
          onCancel={() => blocker.reset()}
          onConfirm={() => {
            acknowledged.current = true;
            blocker.proceed();
          }}
        >
          <p>The token secret cannot be shown again. If you leave now without copying it, rotate the token to get a new one.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
