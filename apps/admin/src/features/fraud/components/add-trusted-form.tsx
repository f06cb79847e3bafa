import { useState, type FormEvent, type ReactElement } from 'react';
import { MAX_TRUST_DAYS, TRUST_COMMENT_MAX_LENGTH, TRUSTED_KINDS } from '@otc/contracts';
import type { TrustedKind } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-client';
import { useAddTrusted } from '../api/trust';
import type { TokenOption } from './fraud-page';

const KIND_LABEL: Record<TrustedKind, string> = { NUMBER: 'Phone number', BLOCK: 'Number block', USER: 'Okta user' };
const VALUE_HINT: Record<TrustedKind, string> = {
  NUMBER: 'International form, such as +447400123456. Stored as a keyed hash, shown masked.',
  BLOCK: 'Leading digits, such as +4474001234 or +4474001234xx: every number that starts with them.',
  USER: 'The Okta user id, such as 00u1a2b3c4d5e6f7g8h9.',
};

/** Adds a number, block or Okta user to the trusted list; the API's field errors show under each field. */
export function AddTrustedForm({ tokens }: { tokens: TokenOption[] }) {
  const add = useAddTrusted();
  const [kind, setKind] = useState<TrustedKind>('NUMBER');
  const [value, setValue] = useState('');
  const [tokenId, setTokenId] = useState('');
  const [days, setDays] = useState('30');
  const [comment, setComment] = useState('');
  const fieldErrors = add.error instanceof ApiError ? add.error.fields : [];
  const errorOf = (field: string) => fieldErrors.find((f) => f.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ kind, value, tokenId: tokenId || undefined, comment, expiresInDays: Number(days) }, { onSuccess: () => (setValue(''), setComment('')) });
  };

  const field = (name: string, label: string, control: ReactElement, hint?: string) => (
    <div className="field">
      <label htmlFor={`trust-${name}`}>{label}</label>
      {control}
      {hint && <p className="hint">{hint}</p>}
      {errorOf(name) && <p className="field-error">{errorOf(name)}</p>}
    </div>
  );

  return (
    <form className="card trust-form" onSubmit={submit} aria-label="Add to the trusted list">
      <div className="trust-form__fields">
        {field(
          'kind',
          'Trust',
          <select id="trust-kind" value={kind} onChange={(e) => setKind(e.target.value as TrustedKind)}>
            {TRUSTED_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>,
        )}
        {field(
          'value',
          KIND_LABEL[kind],
          <input id="trust-value" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={Boolean(errorOf('value'))} />,
          VALUE_HINT[kind],
        )}
        {field(
          'tokenId',
          'Token',
          <select id="trust-tokenId" value={tokenId} onChange={(e) => setTokenId(e.target.value)}>
            <option value="">Every token</option>
            {tokens.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>,
        )}
        {field(
          'expiresInDays',
          'For (days)',
          <input
            id="trust-expiresInDays"
            type="number"
            min={1}
            max={MAX_TRUST_DAYS}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={Boolean(errorOf('expiresInDays'))}
          />,
        )}
        {field(
          'comment',
          'Why',
          <input
            id="trust-comment"
            value={comment}
            maxLength={TRUST_COMMENT_MAX_LENGTH}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={Boolean(errorOf('comment'))}
          />,
        )}
      </div>
      {fieldErrors.length === 0 && <ErrorAlert error={add.error} title="Nothing was trusted." />}
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add to trusted list'}
      </button>
    </form>
  );
}
