/**
 * Turns the API's refusals into messages a form shows under its fields. A `validation_error`
 * carries `details: [{ path, message }]` (src/http/error-handler.ts) in the contract's words
 * ("endDate: endDate must not be before startDate"); each becomes a sentence with the field's label
 * ("End date must be on or after the start date.") under that field. Some other codes are about
 * one field too (`weak_password`, `email_taken`); a form names them in `codeFields`. Everything
 * else is one form-level message from errorText.ts: what happened and what to do next.
 */
import { errorMessage, isApiError } from './api.js';
import { explainError, isExplained } from './errorText.js';

export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

/** The contract's field names as the forms label them. */
export const FIELD_LABELS: Record<string, string> = {
  ownerId: 'Owner',
  propertyId: 'Property',
  startDate: 'Start date',
  endDate: 'End date',
  periodStart: 'Period from',
  periodEnd: 'Period to',
  calculationType: 'Calculation type',
  tag: 'Tag',
  date: 'Date',
  description: 'Description',
  amount: 'Amount',
  type: 'Type',
  email: 'E-mail',
  name: 'Name',
  role: 'Role',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  commissionPercent: 'Commission',
};

const labelOf = (field: string, labels: Record<string, string> = {}) =>
  labels[field] ?? FIELD_LABELS[field] ?? humanName(field);

/** `startDate` → "Start date", for fields no table names. */
function humanName(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? `${words.charAt(0).toUpperCase()}${words.slice(1)}` : 'This field';
}

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

type Rule = [RegExp, (label: string, match: RegExpExecArray) => string];

/** The contract's and zod's messages, and what a person reads instead. First match wins. */
const RULES: Rule[] = [
  [/^endDate must not be before startDate$/, () => 'End date must be on or after the start date.'],
  [
    /^the period must be at most (\d+) days \(it is (\d+)\)$/,
    (_, m) => `The period can be at most ${m[1]} days; this one has ${m[2]}.`,
  ],
  [/^must be an ISO date/, (label) => `${label} must be a date, such as 2025-10-31.`],
  [/^must be a date that exists$/, (label) => `${label} must be a date that exists.`],
  [/^must be an e-mail address$/, (label) => `${label} must be an e-mail address, such as name@example.com.`],
  [/^must not be empty$/, (label) => `${label} must not be empty.`],
  [/^must be whole cents$/, (label) => `${label} can have at most two decimals.`],
  [/^must be positive$/, (label) => `${label} must be more than zero.`],
  [/^must contain only letters, digits/, (label) => `Choose the ${label.toLowerCase()} from the list.`],
  [/^Invalid option/, (label) => `Choose the ${label.toLowerCase()} from the list.`],
  [
    /^Too small: expected string to have >=(\d+) characters?$/,
    (label, m) =>
      m[1] === '1' ? `${label} must not be empty.` : `${label} must be at least ${m[1]} characters.`,
  ],
  [
    /^Too big: expected string to have <=(\d+) characters?$/,
    (label, m) => `${label} can be at most ${m[1]} characters.`,
  ],
  [/^Too small: expected number to be >=?(\S+)$/, (label, m) => `${label} must be at least ${m[1]}.`],
  [/^Too big: expected number to be <=?(\S+)$/, (label, m) => `${label} can be at most ${m[1]}.`],
  [/^Invalid input: expected \w+, received undefined$/, (label) => `${label} is required.`],
  [/^Invalid input: expected (\w+)/, (label) => `${label} is not valid.`],
];

/**
 * One API issue as a sentence: `("endDate", "endDate must not be before startDate")` → "End date
 * must be on or after the start date."; an unknown message keeps its words, with the field named
 * by its label ("New password is one of the most common passwords…").
 */
export function humanizeIssue(path: string, message: string, labels?: Record<string, string>): string {
  const field = fieldOf(path);
  const label = labelOf(field, labels);
  for (const [pattern, write] of RULES) {
    const match = pattern.exec(message);
    if (match) return write(label, match);
  }
  // "password is one of …" / "newPassword must differ …": the message starts with the field.
  const named = message.startsWith(`${field} `) ? `${label}${message.slice(field.length)}` : null;
  if (named) return sentence(otherFieldsInWords(named, labels));
  const text = /^(must|can|is|should)\b/.test(message) ? `${label} ${message}` : message;
  return sentence(otherFieldsInWords(text, labels));
}

/** "… combined with ownerId" → "… combined with owner": other fields the message names. */
function otherFieldsInWords(text: string, labels?: Record<string, string>): string {
  return text.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) =>
    FIELD_LABELS[word] ? labelOf(word, labels).toLowerCase() : word,
  );
}

/** `body.endDate`, `querystring.ownerId`, `lines.0.amount` → the top-level field. */
function fieldOf(path: string): string {
  return path.replace(/^(body|querystring|params)\./, '').split('.')[0] ?? '';
}

interface Issue {
  path: string;
  message: string;
}

function issuesOf(details: unknown): Issue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is Issue =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as Issue).path === 'string' &&
      typeof (d as Issue).message === 'string',
  );
}

/**
 * The one-sentence explanation and next step of an error code, or the message for unknown ones.
 * A refusal that says how long to wait (429 `details.retryAfterSeconds`) says so.
 */
export function explainText(code: string, message: string, details?: unknown): string {
  if (!isExplained(code)) return message;
  const { what, next } = explainError(code);
  const wait = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof wait === 'number' && wait > 0) return `${what} Try again in ${waitText(wait)}.`;
  return `${what} ${next}`;
}

function waitText(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minutes`;
}

export interface MappedError<F extends string> {
  /** Under each field: its first problem. */
  fields: FieldErrors<F>;
  /** For the form as a whole (problems of no field on this form, other errors); null if none. */
  form: string | null;
}

export interface MapOptions<F extends string> {
  /** Labels of this form that differ from FIELD_LABELS ("One-time password"). */
  labels?: Record<string, string>;
  /** Error codes that concern one field of this form, e.g. `{ weak_password: 'newPassword' }`. */
  codeFields?: Record<string, F>;
}

/** Splits what the API refused into messages under `fields` and one for the form. */
export function mapApiError<F extends string>(
  error: unknown,
  fields: readonly F[],
  options: MapOptions<F> = {},
): MappedError<F> {
  if (!isApiError(error)) return { fields: {}, form: errorMessage(error) };
  const own = (field: string): field is F => (fields as readonly string[]).includes(field);

  const codeField = options.codeFields?.[error.code];
  if (codeField !== undefined) {
    const message = humanizeIssue(codeField, error.message, options.labels);
    return { fields: { [codeField]: message } as FieldErrors<F>, form: null };
  }

  if (error.code !== 'validation_error') {
    return { fields: {}, form: explainText(error.code, error.message, error.details) };
  }
  const issues = issuesOf(error.details);
  if (issues.length === 0) {
    // No details: the message is "<path>: <message>".
    const at = error.message.indexOf(': ');
    issues.push(
      at > 0
        ? { path: error.message.slice(0, at), message: error.message.slice(at + 2) }
        : { path: '', message: error.message },
    );
  }
  const mapped: FieldErrors<F> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    const text = humanizeIssue(issue.path, issue.message, options.labels);
    if (own(field)) mapped[field] ??= text;
    else if (!rest.includes(text)) rest.push(text);
  }
  return { fields: mapped, form: rest.length > 0 ? rest.join(' ') : null };
}

/** The fields with a message, in the form's order (to focus the first). */
export function invalidFields<F extends string>(errors: FieldErrors<F>, order: readonly F[]): F[] {
  return order.filter((f) => errors[f]);
}
