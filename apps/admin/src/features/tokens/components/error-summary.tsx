import { useEffect, useRef } from 'react';
import type { FieldErrors } from './policy-form';

/** The control a field's error belongs to: its id, or the first input of its group. */
function controlOf(field: string): HTMLElement | null {
  return document.getElementById(field) ?? document.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
}

/**
 * Lists every problem after a submit, takes focus so keyboard and screen-reader users land on it,
 * and links each problem to its field.
 */
export function ErrorSummary({ errors, attempt }: { errors: FieldErrors; attempt: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  if (attempt === 0 || entries.length === 0) return null;
  const count = entries.reduce((n, [, messages]) => n + messages.length, 0);
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="alert alert--error error-summary">
      <h2 id="error-summary-title">{count === 1 ? 'One field needs attention' : `${count} fields need attention`}</h2>
      <ul>
        {entries.map(([field, messages]) => (
          <li key={field}>
            <a
              href={`#${field}`}
              onClick={(event) => {
                const control = controlOf(field);
                if (!control) return;
                event.preventDefault();
                control.focus();
              }}
            >
              {messages.join(' ')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
