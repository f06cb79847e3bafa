import { useId, useState } from 'react';

/** A comment an admin must give before a fraud decision is changed; it goes to the audit log. */
export function useRequiredComment() {
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  return {
    value,
    missing,
    change(next: string) {
      setValue(next);
      setMissing(false);
    },
    /** The trimmed comment, or null (and the field says what is missing) when there is none. */
    take(): string | null {
      const comment = value.trim();
      setMissing(comment === '');
      return comment || null;
    },
  };
}

interface RequiredCommentFieldProps {
  comment: ReturnType<typeof useRequiredComment>;
  label: string;
  /** What the field says when it is left empty. */
  missingMessage: string;
  maxLength: number;
}

export function RequiredCommentField({ comment, label, missingMessage, maxLength }: RequiredCommentFieldProps) {
  const inputId = useId();
  const errorId = useId();
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        value={comment.value}
        maxLength={maxLength}
        aria-invalid={comment.missing}
        aria-describedby={comment.missing ? errorId : undefined}
        onChange={(event) => comment.change(event.target.value)}
      />
      {comment.missing && (
        <p id={errorId} className="field-error">
          {missingMessage}
        </p>
      )}
    </div>
  );
}
