/**
 * E-mails a `combined` owner ONE message with ONE PDF holding all their statements of a period,
 * and marks every final one of them sent. Used by "send all final statements" (the job's owner
 * items); a single statement's Send button stays per property (StatementDelivery).
 *
 * Never twice, never half:
 * - an owner with a draft left in the period gets nothing (OwnerNotReadyError);
 * - before the mail goes out, all the owner's final statements of the period are claimed
 *   (final → sent) in one transaction, all or none: if any changed meanwhile, none is claimed
 *   (ConcurrentChangeError) and nothing is mailed;
 * - if the mail fails, every claim is undone (back to final) in one transaction and a failed
 *   delivery is recorded for each statement;
 * - once the mail is out, a delivery row per statement (same message id) and an audit row per
 *   statement are written together, so each statement's history shows the combined e-mail;
 * - a run that finds nothing final left (a crash after the mail, a second run) sends nothing
 *   (AlreadySentError): a resend stays the explicit single action.
 *
 * Statements already `sent` before are sections of the PDF too (the owner sees the whole
 * period in one document), but nothing marks them again and no delivery is added to them.
 */
import { type Actor, userIdOf } from '../auth/principal.js';
import type { CatalogRepository, Owner } from '../db/repositories/catalog-repository.js';
import type { Delivery, DeliveryRepository } from '../db/repositories/delivery-repository.js';
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import { combinedPdfFileName, combinedStatementEmail } from '../documents/combined-statement-email.js';
import type { CompanyProfile } from '../documents/company.js';
import type { PdfRenderer } from '../documents/pdf-pool.js';
import { inlineLogo } from '../documents/statement-email.js';
import type { Period } from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { isTransientMailError } from '../notify/mail-errors.js';
import type { Mailer } from '../notify/mailer.js';
import type { Changes } from './changes.js';
import {
  AlreadySentError,
  ConcurrentChangeError,
  MailFailedError,
  notFound,
  OwnerNotReadyError,
  unprocessable,
} from './errors.js';
import type { OwnerStatementService } from './owner-statements.js';

export interface CombinedSendResult {
  /** The statements this e-mail marked sent (the owner's finals of the period). */
  sent: StoredStatement[];
  /** Every section of the PDF (the sent ones plus those sent before). */
  sections: StoredStatement[];
  deliveries: Delivery[];
  messageId: string;
}

const displayName = (owner: Owner) => `${owner.firstName} ${owner.lastName}`.trim();

export class OwnerDelivery {
  constructor(
    private readonly deps: {
      statements: StatementRepository;
      catalog: CatalogRepository;
      deliveries: DeliveryRepository;
      mailer: Mailer;
      /** The claims, their undoing, and the deliveries with their audit rows: each one transaction. */
      changes: Changes;
      clock: Clock;
      company: { profile(): Promise<CompanyProfile> };
      /** The owner statement of the period: its sections are what the e-mail covers. */
      ownerStatements: Pick<OwnerStatementService, 'forOwner'>;
      /** The owner statement's PDF, rendered in the PDF worker pool. */
      pdf: Pick<PdfRenderer, 'ownerPdf'>;
    },
  ) {}

  async sendCombined(ownerId: string, period: Period, actor: Actor): Promise<CombinedSendResult> {
    const { statements, catalog, mailer, changes, clock } = this.deps;
    // The owner statement decides the sections (the owner's statements of exactly the period,
    // by property name), so the e-mail's PDF is the owner statement people see in the app.
    const ownerStatement = await this.deps.ownerStatements.forOwner(ownerId, period);
    const sections = ownerStatement.sections;
    if (sections.length === 0) throw notFound('statements of owner', ownerId);
    const drafts = sections.filter((s) => s.status === 'draft');
    if (drafts.length > 0) {
      throw new OwnerNotReadyError(
        `${drafts.length} of the owner's statements of the period ${drafts.length === 1 ? 'is' : 'are'} still draft (${drafts.map((s) => s.propertyName ?? s.propertyId).join(', ')}); finalize ${drafts.length === 1 ? 'it' : 'them'} first`,
        drafts.map((s) => ({ statementId: s.id, propertyId: s.propertyId, propertyName: s.propertyName })),
      );
    }
    const finals = sections.filter((s) => s.status === 'final');
    if (finals.length === 0) {
      throw new AlreadySentError("every one of the owner's statements of the period was sent already");
    }
    const owner = await catalog.getOwner(ownerId);
    if (!owner?.email) throw unprocessable('no_recipient', 'the owner has no e-mail address');
    const recipient = owner.email;
    const ownerName = displayName(owner) || null;

    const now = isoNow(clock);
    const ids = finals.map((s) => s.id);
    // All or none: rolled back unless every final statement was still final and the owner has no
    // other statement of the period that is not sent now (a draft or final that appeared since).
    await changes.apply(actor, async (tx) => {
      const claimed = await tx.statements.markAllSent(ids, recipient, now, userIdOf(actor));
      const after = await tx.statements.ofPeriod(period, { ownerId });
      if (claimed !== ids.length || after.some((s) => s.status !== 'sent')) {
        throw new ConcurrentChangeError(
          "one of the owner's statements changed meanwhile (someone may have sent it); nothing was sent",
        );
      }
      return { value: claimed, audit: null };
    });

    const record = (d: Pick<Delivery, 'status' | 'via' | 'messageId' | 'error'>, s: StoredStatement) => ({
      statementId: s.id,
      recipient,
      resend: false,
      createdBy: userIdOf(actor),
      createdAt: now,
      ...d,
    });
    let sent: Awaited<ReturnType<typeof mailer.send>>;
    try {
      const company = await this.deps.company.profile();
      const pdf = await this.deps.pdf.ownerPdf(ownerStatement, { company });
      const mail = combinedStatementEmail(sections, period, ownerName, company);
      sent = await mailer.send({
        to: recipient,
        ...mail,
        fromName: company.name,
        ...(company.email ? { replyTo: company.email } : {}),
        attachments: [
          {
            filename: combinedPdfFileName(ownerName, ownerId, period),
            content: pdf,
            contentType: 'application/pdf',
          },
          ...inlineLogo(company),
        ],
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Every claim undone and every failure recorded, together: the owner is back to "ready".
      await changes.apply(actor, async (tx) => {
        for (const s of finals) {
          await tx.statements.undoMarkSent(
            s.id,
            { status: 'final', sentAt: s.sentAt, sentTo: s.sentTo },
            isoNow(clock),
          );
          await tx.deliveries.record(
            record({ status: 'failed', via: null, messageId: null, error: message }, s),
          );
        }
        return { value: null, audit: null };
      });
      throw new MailFailedError(
        `the e-mail to ${recipient} could not be sent: ${message}`,
        isTransientMailError(error),
        error,
      );
    }
    // The mail is out: nothing may undo the claims now (another try would mail the owner again).
    const { via, messageId } = sent;
    const deliveries = await changes.apply(actor, async (tx) => {
      const recorded: Delivery[] = [];
      for (const s of finals) {
        recorded.push(await tx.deliveries.record(record({ status: 'sent', via, messageId, error: null }, s)));
      }
      return {
        value: recorded,
        audit: finals.map((s) => ({
          action: 'statement.sent' as const,
          target: { type: 'statement', id: s.id },
          details: {
            to: recipient,
            resend: false,
            via,
            combined: true,
            ownerId,
            messageId,
            statementIds: ids,
          },
        })),
      };
    });
    const fresh = await Promise.all(finals.map((s) => statements.get(s.id)));
    return {
      sent: fresh.filter((s): s is StoredStatement => s !== undefined),
      sections,
      deliveries,
      messageId,
    };
  }
}
