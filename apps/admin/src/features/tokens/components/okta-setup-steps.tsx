export function OktaSetupSteps() {
  return (
    <section aria-labelledby="okta-steps-title">
      <h3 id="okta-steps-title">Set up Okta</h3>
      <ol className="steps">
        <li>
          In the Okta Admin Console, open <strong>Workflow &gt; Inline Hooks</strong>, choose <strong>Add Inline Hook</strong>, then{' '}
          <strong>Telephony</strong>.
        </li>
        <li>
          Paste the <strong>Telephony Webhook URL</strong> as the URL, the <strong>Auth Header Name</strong> as the authentication
          field, and the <strong>Token Secret</strong> as the authentication secret. Save.
        </li>
        <li>
          Open <strong>Workflow &gt; Event Hooks</strong>, create an event hook with the <strong>Event Webhook URL</strong>, the same
          header name and secret, and subscribe it to the event <code>user.authentication.auth_via_mfa</code>. Click{' '}
          <strong>Verify</strong>.
        </li>
        <li>
          Back on the telephony inline hook, use <strong>Preview</strong> to send a test request; it appears on the Dashboard within a
          few seconds.
        </li>
      </ol>
    </section>
  );
}
