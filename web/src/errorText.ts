/**
 * Plain-language explanations of every error code a user can meet: what happened, in one
 * sentence, and what to do next. The API's own message stays available (it names the record);
 * this is what the screen leads with. `retryable` says whether trying the same thing again can
 * succeed — at once (Hostify was down) or once the data was corrected in Hostify (a retry fetches
 * it again) — "Retry failed" is offered only for those.
 */

export interface ErrorExplanation {
  /** What happened, in one sentence a property manager understands. */
  what: string;
  /** The next step. */
  next: string;
  /** Another try of the same work may pass (a Hostify outage, a busy server). */
  retryable: boolean;
}

const E = (what: string, next: string, retryable = false): ErrorExplanation => ({ what, next, retryable });

const EXPLANATIONS: Record<string, ErrorExplanation> = {
  // Statement outcomes (generation)
  finalized: E(
    'A final or sent statement already exists for this property and period, and it is never overwritten.',
    'Move it back to draft first if it must be generated again.',
  ),
  no_activity: E(
    'There is nothing to put on a statement: no counted reservation, expense or adjustment in the period.',
    'Check the period, or add the expense or adjustment it should show.',
  ),
  mixed_currency: E(
    'A reservation is in a different currency than its property, so the amounts cannot be added up.',
    'Correct the reservation’s or the listing’s currency in Hostify, then retry.',
    true,
  ),
  invalid_data: E(
    'Hostify sent a reservation with a value that cannot be read (a date or an amount).',
    'Open the reservation named in the message in Hostify, correct it, then retry.',
    true,
  ),
  unknown_tag: E(
    'No owned property carries this Hostify tag.',
    'Check the tag’s spelling, or tag the properties in Hostify first.',
  ),
  // Reconciliation warnings
  subtotal_mismatch: E(
    'Hostify’s subtotal differs from the sum of the reservation’s parts; the statement uses the parts.',
    'Check the reservation in Hostify; the amounts on the statement are not changed by this.',
  ),
  payout_mismatch: E(
    'Hostify’s payout differs from what the statement computes for the reservation.',
    'Compare the channel fees of the reservation in Hostify; the statement’s amounts stand.',
  ),
  unattributed_reservation: E(
    'A reservation belongs to a listing no known property owns, so it is on no statement.',
    'Assign the listing to a property (or its parent) in Hostify, then generate again.',
  ),
  override_reservation_missing: E(
    'A line-review override names a reservation this statement does not take (it left Hostify or the period); it changes nothing.',
    'Check the reservation in Hostify; remove the override under Line review if it is no longer needed.',
  ),
  override_cancelled_reservation: E(
    'A line-review inclusion names a cancelled reservation without payout; the guest paid nothing, so it is not counted.',
    'Remove the inclusion under Line review, and add a manual line for what the owner was actually paid.',
  ),
  override_inactive: E(
    'A line-review override no longer does anything: the reservation’s status changed in Hostify (an excluded one is no longer counted, or an included one now is).',
    'Check the reservation in Hostify; remove the override under Line review if it is no longer needed.',
  ),
  // Line review
  not_a_line: E(
    'That reservation is not a line of this statement, so it cannot be excluded.',
    'Reload the statement; only counted reservations can be excluded.',
  ),
  not_excluded: E(
    'That reservation is not among those the statement leaves out, so it cannot be included.',
    'Reload the statement; only reservations listed as not counted can be included.',
  ),
  included_by_override: E(
    'That line is there because it was included on review.',
    'Remove that inclusion under Line review instead.',
  ),
  cancelled_reservation: E(
    'That reservation was cancelled without a payout: the guest paid nothing, so it cannot be counted.',
    'Add a manual line for what the owner was actually paid instead.',
  ),
  excluded_by_override: E(
    'That reservation was excluded on review.',
    'Remove that exclusion under Line review to count it again.',
  ),
  // Hostify
  hostify_auth_failed: E(
    'Hostify refused the API key.',
    'Ask an administrator to check HOSTIFY_API_KEY; nothing can be fetched until it is fixed.',
  ),
  hostify_unavailable: E(
    'Hostify did not answer (or asked us to slow down) after several tries.',
    'Try again in a few minutes.',
    true,
  ),
  hostify_error: E(
    'Hostify answered with an error.',
    'Try again later; if it persists, check Hostify’s status.',
    true,
  ),
  // The Hostify client's own codes, which a job's failed items carry (the HTTP layer answers
  // them as the codes above).
  hostify_auth: E(
    'Hostify refused the API key.',
    'Ask an administrator to check HOSTIFY_API_KEY; nothing can be fetched until it is fixed.',
  ),
  hostify_request: E(
    'Hostify refused the request for this property’s data.',
    'Check the property in Hostify; if it looks right, tell an administrator.',
  ),
  hostify_response: E(
    'Hostify answered with something that could not be read.',
    'Try again later; if it persists, check Hostify’s status.',
    true,
  ),
  // Statements and sending
  invalid_transition: E(
    'The statement cannot move to that status from the one it has.',
    'Drafts become final, final ones are sent or go back to draft; sent ones stay sent.',
  ),
  not_a_draft: E(
    'Only drafts can be deleted or reviewed.',
    'Move the statement back to draft first (a sent one is kept).',
  ),
  not_final: E('Only final statements are sent.', 'Finalize the statement, then send it.'),
  already_sent: E(
    'This statement was already e-mailed to the owner.',
    'Use “Resend” if the owner needs it again.',
  ),
  concurrent_change: E(
    'Someone else changed this record at the same moment.',
    'Reload the page and try again.',
    true,
  ),
  no_recipient: E(
    'The owner has no e-mail address in Hostify.',
    'Add the owner’s e-mail in Hostify, sync the catalog, then send again.',
    true,
  ),
  no_statements: E(
    'The owner has no statement of exactly this period, so there is no owner statement to make.',
    'Generate the period’s statements first, or pick a period the owner has statements of.',
  ),
  nothing_to_send: E(
    'There is no final, unsent statement for that period that can be sent.',
    'Finalize statements first (an owner who gets one combined e-mail needs every statement of the period final).',
  ),
  not_ready: E(
    'The owner still has draft statements in this period, so nothing of theirs was sent.',
    'Finalize the owner’s drafts, then send again: the owner gets the whole period in one e-mail.',
  ),
  mail_failed: E('The e-mail could not be sent.', 'Check the mail server settings, then try again.', true),
  delivery_unconfirmed: E(
    'The statement is marked sent, but no e-mail is on record (the sending process stopped mid-way).',
    'Check with the owner or the mail server, then resend it.',
  ),
  // Jobs
  job_running: E('The same work is already running.', 'Open that job to follow it.'),
  job_finished: E('The job has already ended.', 'Reload to see its result.'),
  nothing_to_retry: E('The job has no failed properties to retry.', 'Nothing to do.'),
  // Limits
  rate_limited: E('Too many requests in a short time.', 'Wait a moment and try again.', true),
  too_many_attempts: E('Too many failed sign-ins.', 'Wait the time shown, then try again.', true),
  too_many_exports: E('Too many exports in a minute.', 'Wait a moment and try again.', true),
  too_many_streams: E('Too many live job views are open.', 'Close another tab showing a job.', true),
  renderer_busy: E('The server is busy rendering PDFs.', 'Try again in a few seconds.', true),
  too_many_statements: E(
    'More statements match the filters than one action may take at once.',
    'Narrow the filters (a period, an owner or a status) and run it again.',
  ),
  // Company details
  logo_too_large: E('The logo file is too large.', 'Use a PNG or JPEG of at most 512 KiB.'),
  logo_not_image: E('The logo is not a PNG or JPEG image.', 'Export it as PNG or JPEG and upload it again.'),
  logo_too_many_pixels: E('The logo has too many pixels.', 'Use an image at most 2000 pixels on each side.'),
  // Expense import
  file_too_large: E('The file is too large to import.', 'Split it into smaller files (at most 5 MiB each).'),
  too_many_rows: E(
    'The file has more rows than one import takes.',
    'Split it into files of at most 5000 rows.',
  ),
  too_many_columns: E(
    'The file has a value far to the right of the expenses (beyond column 200).',
    'Delete the columns to the right of the expenses, save the file and choose it again.',
  ),
  unsupported_file_type: E(
    'This kind of file cannot be imported.',
    'Save it as CSV or XLSX and choose it again.',
  ),
  unreadable_file: E(
    'The file could not be read.',
    'Open it in your spreadsheet program, save it again as CSV or XLSX, and retry.',
  ),
  empty_file: E(
    'The file has no rows to import.',
    'Check that it is the right file, with a header row and expenses below it.',
  ),
  bad_mapping: E(
    'The columns chosen for the import cannot be used.',
    'Choose a column for date, property, description and amount, each once.',
  ),
  unknown_rows: E(
    'Some chosen rows are not in the file.',
    'Preview the file again and choose among its rows.',
  ),
  rows_have_errors: E(
    'Some chosen rows have errors, so nothing was imported.',
    'Leave those rows out, or correct the file and preview it again.',
  ),
  on_final_statement: E(
    'The import cannot be undone: some of its entries are on a final or sent statement.',
    'Move those statements back to draft first (a sent one cannot be).',
  ),
  already_undone: E('This import was already undone.', 'Nothing to do.'),
  already_imported: E(
    'This file was imported before, and that import is not undone.',
    'Undo the earlier import in the history first, or say to import it again anyway.',
  ),
  // Accounts
  invalid_credentials: E('The e-mail or password is wrong.', 'Check both and try again.'),
  account_disabled: E('This account is disabled.', 'Ask an administrator to enable it.'),
  wrong_current_password: E('The current password is wrong.', 'Type your current password again.'),
  weak_password: E(
    'The new password is too weak.',
    'Use a longer password that does not contain your e-mail.',
  ),
  email_taken: E('A user with this e-mail already exists.', 'Use another e-mail, or edit the existing user.'),
  last_admin: E(
    'The last active administrator cannot be demoted or disabled.',
    'Make someone else an admin first.',
  ),
  already_revoked: E('The API token was already revoked.', 'Nothing to do.'),
  // Schedule
  invalid_cron: E(
    'The schedule’s timing cannot be understood.',
    'Pick a day and a time, or correct the cron expression.',
  ),
  invalid_timezone: E('The time zone is not known.', 'Pick a time zone from the list.'),
  // Requests
  unauthorized: E('You are not signed in (or your session ended).', 'Sign in again.'),
  forbidden: E('Your role does not allow this.', 'Ask an administrator if you need it.'),
  not_found: E('It does not exist (any more).', 'Reload the list; someone may have deleted it.'),
  csrf_rejected: E(
    'The request did not come from this app’s own page, so it was refused.',
    'Reload the app from its usual address and try again.',
  ),
  misdirected_request: E(
    'This server does not answer for that address.',
    'Open the app at its usual address.',
  ),
  password_change_required: E('Your password was reset and must be changed first.', 'Choose a new password.'),
  validation_error: E('Some of what was entered is not valid.', 'Correct the fields marked below.'),
  internal_error: E(
    'Something went wrong on the server; it has been logged.',
    'Try again; if it persists, tell an administrator.',
    true,
  ),
};

const UNKNOWN = E('Something went wrong.', 'Try again; if it persists, tell an administrator.', true);

/** The explanation of an error code (a generic one for codes this app does not know). */
export function explainError(code: string | null | undefined): ErrorExplanation {
  return (code ? EXPLANATIONS[code] : undefined) ?? UNKNOWN;
}

/** Whether the code is one this module explains (tests: every code the API uses is). */
export function isExplained(code: string): boolean {
  return code in EXPLANATIONS;
}

/** Whether trying again may pass: the only errors "Retry failed" is offered for. */
export function isRetryable(code: string | null | undefined): boolean {
  return explainError(code).retryable;
}
