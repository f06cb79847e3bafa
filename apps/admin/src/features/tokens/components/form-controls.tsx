import type { ReactNode } from 'react';

export function errorId(field: string): string {
  return `error-${field.replace(/\./g, '-')}`;
}

export function hintId(field: string): string {
  return `hint-${field.replace(/\./g, '-')}`;
}

export function FieldErrorText({ field, errors }: { field: string; errors?: string[] }) {
  if (!errors || errors.length === 0) return null;
  return (
    <p id={errorId(field)} className="field-error">
      {errors.join(' ')}
    </p>
  );
}

/** aria props tying a control to its hint and error. */
export function describedBy(field: string, errors: string[] | undefined, hasHint = true) {
  const ids = [hasHint ? hintId(field) : null, errors?.length ? errorId(field) : null].filter(Boolean);
  return { 'aria-describedby': ids.join(' ') || undefined, 'aria-invalid': errors?.length ? true : undefined };
}

interface CheckboxFieldProps {
  field: string;
  label: string;
  hint: ReactNode;
  checked: boolean;
  disabled?: boolean;
  errors?: string[];
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ field, label, hint, checked, disabled, errors, onChange }: CheckboxFieldProps) {
  return (
    <div className="check-field">
      <input id={field} name={field} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} {...describedBy(field, errors)} />
      <div>
        <label htmlFor={field}>{label}</label>
        <p id={hintId(field)} className="hint">
          {hint}
        </p>
        <FieldErrorText field={field} errors={errors} />
      </div>
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  field: string;
  legend: string;
  options: Array<{ value: T; label: string; hint: string }>;
  value: T;
  disabled?: boolean;
  errors?: string[];
  onChange: (value: T) => void;
}

export function RadioGroup<T extends string>({ field, legend, options, value, disabled, errors, onChange }: RadioGroupProps<T>) {
  return (
    <fieldset className="radio-group" disabled={disabled} {...describedBy(field, errors, false)}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <div key={option.value} className="check-field">
          <input id={`${field}-${option.value}`} type="radio" name={field} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          <div>
            <label htmlFor={`${field}-${option.value}`}>{option.label}</label>
            <p className="hint">{option.hint}</p>
          </div>
        </div>
      ))}
      <FieldErrorText field={field} errors={errors} />
    </fieldset>
  );
}
