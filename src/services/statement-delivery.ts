/**
 * E-mails a statement's PDF to its owner (their Hostify e-mail) and marks it sent.
 *
 * Never twice by accident: a first send claims the statement (final → sent) before the mail
 * goes out, so a second click or a second person gets 409; a resend of a sent statement must be
 * asked for explicitly. If the mail fails, a first send is undone (back to final) and the attempt
 * is recorded with its error.
 */
import { type Actor, userIdOf } from '../auth/principal.js';
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { Delivery, DeliveryRepository } from '../db/repositories/delivery-repository.js';
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import type { CompanyProfile } from '../documents/company.js';
import { pdfFileName } from '../documents/pdf-zip.js';
import { inlineLogo, statementEmail } from '../documents/statement-email.js';
import { renderStatementPdf } from '../documents/statement-pdf.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { isTransientMailError } from '../notify/mail-errors.js';
import type { Mailer } from '../notify/mailer.js';
import type { Changes } from './changes.js';
import {
  AlreadySentError,
  ConcurrentChangeError,
  MailFailedError,
  NotFinalError,
  notFound,
  unprocessable,
} from './errors.js';

export class StatementDelivery {
  constructor(
    private readonly deps: {
      statements: StatementRepository;
      catalog: CatalogRepository;
      deliveries: DeliveryRepository;
      mailer: Mailer;
      /** The delivery record and its audit row, in one transaction. */
      changes: Changes;
      clock: Clock;
      /** The manager's details and logo: the PDF's letterhead, the e-mail's sender and signature. */
      company: { profile(): Promise<CompanyProfile> };
    },
  ) {}

  /** Every attempt to e-mail the statement, oldest first. */
  async history(statementId: string): Promise<Delivery[]> {
    if (!(await this.deps.statements.get(statementId))) throw notFound('statement', statementId);
    return this.deps.deliveries.forStatement(statementId);
  }

  async send(
    statementId: string,
    options: { resend: boolean },
    actor: Actor,
  ): Promise<{ statement: StoredStatement; delivery: Delivery }> {
    const { statements, catalog, deliveries, mailer, changes, clock } = this.deps;
    const s = await statements.get(statementId);
    if (!s) throw notFound('statement', statementId);
    if (s.status === 'draft') throw new NotFinalError();
    if (s.status === 'sent' && !options.resend) {
      throw new AlreadySentError(
        `already sent to ${s.sentTo ?? 'the owner'} at ${s.sentAt ?? '?'}; ask for a resend to send it again`,
      );
    }
    const owner = s.ownerId ? await catalog.getOwner(s.ownerId) : undefined;
    if (!owner?.email)
      throw unprocessable('no_recipient', 'the property has no owner with an e-mail address');

    const now = isoNow(clock);
    const from = s.status === 'sent' ? 'sent' : 'final';
    if (!(await statements.markSent(s.id, from, owner.email, now, userIdOf(actor)))) {
      throw new ConcurrentChangeError(
        'the statement changed meanwhile (someone else may have sent it); reload',
      );
    }
    const ownerName = `${owner.firstName} ${owner.lastName}`.trim();
    const record = (d: Partial<Delivery> & Pick<Delivery, 'status'>, into = deliveries) =>
      into.record({
        statementId: s.id,
        recipient: owner.email,
        via: null,
        messageId: null,
        error: null,
        resend: options.resend && from === 'sent',
        createdBy: userIdOf(actor),
        createdAt: now,
        ...d,
      });
    let sent: Awaited<ReturnType<typeof mailer.send>>;
    try {
      const company = await this.deps.company.profile();
      const pdf = await renderStatementPdf(s, { company, ownerName: ownerName || null });
      const mail = statementEmail(s, ownerName || null, company);
      sent = await mailer.send({
        to: owner.email,
        ...mail,
        fromName: company.name,
        ...(company.email ? { replyTo: company.email } : {}),
        attachments: [
          { filename: pdfFileName(s), content: pdf, contentType: 'application/pdf' },
          ...inlineLogo(company),
        ],
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await statements.undoMarkSent(
        s.id,
        { status: from, sentAt: s.sentAt, sentTo: s.sentTo },
        isoNow(clock),
      );
      await record({ status: 'failed', error: message });
      // Typed for the send-all job, which retries mail failures that certainly sent nothing.
      throw new MailFailedError(
        `the e-mail to ${owner.email} could not be sent: ${message}`,
        isTransientMailError(error),
        error,
      );
    }
    // The mail is out: from here on nothing may undo the claim (a retry would mail the owner
    // again). A failure to record it surfaces as an error, and the statement stays sent.
    const via = sent.via;
    const messageId = sent.messageId;
    const delivery = await changes.apply(actor, async (tx) => {
      const recorded = await record({ status: 'sent', via, messageId }, tx.deliveries);
      return {
        value: recorded,
        audit: {
          action: 'statement.sent',
          target: { type: 'statement', id: s.id },
          details: { to: owner.email, resend: recorded.resend, via },
        },
      };
    });
    const updated = await statements.get(s.id);
    if (!updated) throw notFound('statement', s.id);
    return { statement: updated, delivery };
  }
}
