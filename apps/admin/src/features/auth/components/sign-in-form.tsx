import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { formatWait } from '../../../lib/format';
import { useLogin } from '../api/login';

function describeLoginError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'The API key or secret is not right.';
    if (error.status === 429) {
      const wait = error.retryAfterSeconds ? formatWait(error.retryAfterSeconds) : 'a minute';
      return `Too many sign-in attempts. Wait ${wait} and try again.`;
    }
  }
  return error instanceof Error ? error.message : 'Sign-in failed. Try again.';
}

interface SignInFormProps {
  sandbox: boolean;
  notice: string | null;
  onSignedIn: () => void;
}

export function SignInForm({ sandbox, notice, onSignedIn }: SignInFormProps) {
  const [apiKey, setApiKey] = useState('');
  const [apiSecret, setApiSecret] = useState('');
  const loginMutation = useLogin({ onSuccess: onSignedIn });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    loginMutation.mutate({ apiKey: apiKey.trim(), apiSecret });
  };

  return (
    <form className="card sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Connector admin sign-in</h1>
      <p className="muted">Sign in as an administrator of this connector with the Vonage API key and secret it runs with. This is not the end-user sign-in.</p>
      {notice && !loginMutation.isError && (
        <p role="alert" className="alert alert--warning">
          {notice}
        </p>
      )}
      {sandbox && (
        <p className="alert alert--info">
          Sandbox mode: the sandbox API key and secret were printed in the connector's console when it first started.
        </p>
      )}
      <div className="field">
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="apiKey" autoComplete="username" required value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="api-secret">API secret</label>
        <input
          id="api-secret"
          name="apiSecret"
          type="password"
          autoComplete="current-password"
          required
          value={apiSecret}
          onChange={(e) => setApiSecret(e.target.value)}
        />
      </div>
      {loginMutation.isError && (
        <p role="alert" className="alert alert--error">
          {describeLoginError(loginMutation.error)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
