import { ApiError } from '../lib/api-client';

/** Shows an API (or other) error where it happened; never swallowed. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const errorId = error instanceof ApiError ? error.body?.errorId : undefined;
  return (
    <div role="alert" className="alert alert--error">
      {title && <strong>{title} </strong>}
      {message}
      {errorId && <span className="muted"> (error id {errorId})</span>}
    </div>
  );
}
