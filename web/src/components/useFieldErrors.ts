/**
 * Field-level errors of a form: its own checks before submit and the API's refusals after, one
 * message under each field (FieldError), the first invalid field focused. A field's message goes
 * as soon as that field is edited. The focus waits until the control is enabled again: forms
 * disable their fieldset while the request runs, and a disabled control cannot take focus.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type FieldErrors, invalidFields, type MapOptions, mapApiError } from '../fieldErrors.js';
import { onlyErrors } from '../formChecks.js';
import { describedBy } from './FieldError.js';

export function useFieldErrors<F extends string>(order: readonly F[], inputId: (field: F) => string) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const pendingFocus = useRef<F[]>([]);
  const errorId = (field: F) => `${inputId(field)}-error`;

  useEffect(() => {
    const first = pendingFocus.current[0];
    if (first === undefined) return;
    const element = document.getElementById(inputId(first));
    if (!element || element.matches(':disabled')) return;
    pendingFocus.current = [];
    element.focus();
  });

  /** Shows the form's own findings; true when there are none and the form may be sent. */
  const check = (found: FieldErrors<F>): boolean => {
    const shown = onlyErrors(found) as FieldErrors<F>;
    setErrors(shown);
    pendingFocus.current = invalidFields(shown, order);
    return pendingFocus.current.length === 0;
  };

  /** Puts the API's refusal under its fields; returns the message for the form (or null). */
  const fromApi = (error: unknown, options?: MapOptions<F>): string | null => {
    const mapped = mapApiError(error, order, options);
    setErrors(mapped.fields);
    pendingFocus.current = invalidFields(mapped.fields, order);
    return mapped.form;
  };

  const clear = useCallback((field: F) => {
    setErrors((current) => {
      if (!current[field]) return current;
      const { [field]: _gone, ...rest } = current;
      return rest as FieldErrors<F>;
    });
  }, []);

  return {
    errors,
    check,
    fromApi,
    clear,
    reset: () => setErrors({}),
    errorId,
    /** aria-invalid and aria-describedby of the field's control (plus a hint it always has). */
    aria: (field: F, hintId?: string) => describedBy(errorId(field), errors[field], hintId),
  };
}
