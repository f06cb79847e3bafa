import { useEffect, useId, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyField({ label, value, secret }: { label: string; value: string; secret?: boolean }) {
  const [state, setState] = useState<CopyState>('idle');
  const id = useId();

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <div className={secret ? 'copy-field copy-field--secret' : 'copy-field'}>
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input id={id} readOnly value={value} className="mono" onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={copy} aria-label={`Copy ${label}`}>
          Copy
        </button>
        <span role="status" className="copy-field__status">
          {state === 'copied' && 'Copied'}
          {state === 'failed' && 'Copy failed: select the text and copy it by hand.'}
        </span>
      </div>
    </div>
  );
}
