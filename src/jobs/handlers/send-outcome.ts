/**
 * How the jobs that e-mail statements (send all; a bulk send) turn one send into an item's
 * outcome, and whom they send as — one definition, so both keep the same "never twice" rules.
 */
import type { Actor } from '../../auth/principal.js';
import type { DeliveryRepository } from '../../db/repositories/delivery-repository.js';
import type { UserRepository } from '../../db/repositories/user-repository.js';
import type { ItemOutcome, JobRecord } from '../../model/jobs.js';
import {
  AlreadySentError,
  ConcurrentChangeError,
  DomainError,
  MailFailedError,
  NotFinalError,
  OwnerNotReadyError,
} from '../../services/errors.js';
import { JobFailure } from '../job-handler.js';

/** A failure retried with backoff; after the last attempt its code is recorded. */
export class TransientItemError extends JobFailure {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message, true);
  }
}

/** Statements that are not (or no longer) ready to send are skipped, with these reasons. */
function skipReason(error: DomainError): string | null {
  if (error instanceof AlreadySentError) return 'already_sent';
  if (error instanceof NotFinalError) return 'not_final';
  if (error instanceof OwnerNotReadyError) return 'not_ready';
  if (error.kind === 'not_found') return 'not_found';
  return null;
}

/**
 * The outcome of `send()` (a StatementDelivery send of statement `statementId`). Throws TransientItemError
 * for what another attempt may fix: a mail failure that certainly sent nothing, or a change by
 * someone else between our read and our claim.
 */
export function sendOutcome(
  send: () => Promise<unknown>,
  statementId: string,
  deliveries: Pick<DeliveryRepository, 'forStatement'>,
): Promise<ItemOutcome> {
  return deliveryOutcome(send, { statementId, planned: [statementId] }, deliveries);
}

/**
 * The same for any e-mail: `planned` are the statements it was to mark sent (a combined owner's
 * finals), `statementId` what a success records (null for an owner's several statements).
 */
export async function deliveryOutcome(
  send: () => Promise<unknown>,
  target: { statementId: string | null; planned: readonly string[] },
  deliveries: Pick<DeliveryRepository, 'forStatement'>,
): Promise<ItemOutcome> {
  try {
    await send();
    return { status: 'succeeded', statementId: target.statementId };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Sent, but no e-mail on record: a process claimed it and stopped before the mail went out
    // (or before recording it). Not "sent meanwhile": a person must check and resend.
    if (error instanceof AlreadySentError && (await unconfirmed(target.planned, deliveries))) {
      return {
        status: 'failed',
        code: 'delivery_unconfirmed',
        error:
          target.planned.length === 1
            ? 'the statement is marked sent but no e-mail is recorded for it (the sending process may have stopped mid-way); check with the owner or the mail server, then resend it'
            : "the owner's statements are marked sent but no e-mail is recorded for some of them (the sending process may have stopped mid-way); check with the owner or the mail server, then resend them",
      };
    }
    const skip = skipReason(error);
    if (skip) return { status: 'skipped', reason: skip };
    if (error instanceof MailFailedError && error.transient) {
      throw new TransientItemError(error.message, error.code);
    }
    // Someone changed the statement between our read and our claim: a moment later it is
    // either sendable again or `sent` (then skipped).
    if (error instanceof ConcurrentChangeError) throw new TransientItemError(error.message, error.code);
    return { status: 'failed', code: error.code, error: error.message };
  }
}

/** Whether one of `statementIds` has no e-mail on record that went out. */
async function unconfirmed(
  statementIds: readonly string[],
  deliveries: Pick<DeliveryRepository, 'forStatement'>,
): Promise<boolean> {
  for (const id of statementIds) {
    if (!(await deliveries.forStatement(id)).some((d) => d.status === 'sent')) return true;
  }
  return false;
}

/** A job's changes are attributed to the user who started it (the system for the schedule). */
export async function actorOfJob(users: Pick<UserRepository, 'get'>, job: JobRecord): Promise<Actor> {
  if (!job.createdBy) return null;
  const user = await users.get(job.createdBy);
  return user ? { userId: user.id, email: user.email } : null;
}
