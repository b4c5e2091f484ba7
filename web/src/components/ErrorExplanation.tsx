/**
 * An error in words (web/src/errorText.ts): what happened and the next step first, the server's
 * own message after it in small print (it names the record: which reservation, which currency).
 * A code this app does not know leads with the server's message instead of a vague sentence.
 */
import { isApiError } from '../api.js';
import { explainError, isExplained } from '../errorText.js';

export function ErrorExplanation({ code, message }: { code: string | null; message?: string | null }) {
  const known = code !== null && isExplained(code);
  const explanation = explainError(code);
  return (
    <span className="error-explanation">
      <span className="error-what">{known || !message ? explanation.what : message}</span>{' '}
      <span className="error-next">{explanation.next}</span>
      {known && message ? <span className="error-detail">{message}</span> : null}
    </span>
  );
}

/** Anything a request threw, explained by its API error code when it has one. */
export function ApiErrorText({ error }: { error: unknown }) {
  if (isApiError(error)) return <ErrorExplanation code={error.code} message={error.message} />;
  return <ErrorExplanation code={null} message={error instanceof Error ? error.message : null} />;
}
