/**
 * A message under one form field ("End date must be on or after the start date."), tied to its
 * control by aria-describedby and aria-invalid, so a screen reader reads it with the field once
 * focus moves there (forms move focus to the first invalid field when they refuse to submit).
 */
import './FieldError.css';

export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

/**
 * The ARIA attributes of a control whose error (if any) is FieldError `errorId`; `hintId` is a
 * hint the control is described by anyway.
 */
export function describedBy(errorId: string, message: string | null | undefined, hintId?: string) {
  const ids = [message ? errorId : null, hintId ?? null].filter(Boolean).join(' ');
  return {
    'aria-invalid': message ? (true as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

/** Focuses the first of `ids` that names an element (the first invalid field, in form order). */
export function focusFirst(ids: readonly string[]): void {
  for (const id of ids) {
    const element = document.getElementById(id);
    if (element) {
      element.focus();
      return;
    }
  }
}
