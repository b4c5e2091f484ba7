/**
 * E-mails the user who started a bulk job when it completes, fails or is cancelled (the spec's
 * "Email notifications when jobs complete"), unless they turned it off. Listens to the job
 * events; a row per job, inserted before sending, makes it once-only across processes.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import type { UserRepository } from '../db/repositories/user-repository.js';
import type { JobEventBus } from '../jobs/event-bus.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { JobRecord } from '../model/jobs.js';
import type { Mailer } from './mailer.js';

export interface JobNotifierDeps {
  db: Db;
  users: UserRepository;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** The app's public address, for the link in the e-mail. */
  appUrl: string;
}

/** What a bulk action job is called in its e-mail, and what its succeeded items were. */
const BULK_ACTION_WORDS: Record<string, { what: string; done: string }> = {
  finalize: { what: 'Finalizing statements', done: 'finalized' },
  draft: { what: 'Moving statements back to draft', done: 'moved back to draft' },
  send: { what: 'Sending statements', done: 'sent' },
  delete: { what: 'Deleting drafts', done: 'deleted' },
};

/** The job's name, its scope (a period, or a selection's size) and what a succeeded item did. */
function describeJob(job: JobRecord): { what: string; scope: string; done: string; sentence: string } {
  const p = job.params;
  if (job.type === 'bulk_statement_action') {
    const words = BULK_ACTION_WORDS[String(p.action)] ?? { what: 'A bulk action', done: 'done' };
    const scope = `${job.total ?? '?'} selected statement(s)`;
    return { ...words, scope, sentence: `${words.what} (${scope})` };
  }
  if (job.type === 'statement_delivery') {
    const scope = `${String(p.periodStart)} to ${String(p.periodEnd)}`;
    return {
      what: 'Sending statements',
      scope,
      done: 'sent',
      sentence: `The sending of the final statements for ${scope}`,
    };
  }
  const scope = `${String(p.startDate)} to ${String(p.endDate)}`;
  return {
    what: 'Statement generation',
    scope,
    done: 'generated',
    sentence: `The bulk statement generation for ${scope}`,
  };
}

export function jobEndMessage(job: JobRecord, appUrl: string): { subject: string; text: string } {
  const { what, scope, done, sentence } = describeJob(job);
  const s = job.result?.summary;
  const counts = s
    ? `${s.generated} ${done}, ${s.skipped} skipped, ${s.errors} with errors`
    : `no statement ${done}`;
  const word = { completed: 'completed', failed: 'failed', cancelled: 'was cancelled' }[
    job.status as 'completed' | 'failed' | 'cancelled'
  ];
  return {
    subject: `${what} ${word} (${scope}): ${counts}`,
    text: [
      `${sentence} ${word}.`,
      '',
      `Result: ${counts}.`,
      ...(job.error ? [`Error: ${job.error}`] : []),
      '',
      `Details: ${appUrl.replace(/\/$/, '')}/jobs/${job.id}`,
      '',
      'You get this e-mail because you started the job; turn it off in your preferences.',
    ].join('\n'),
  };
}

export class JobNotifier {
  private unsubscribe: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: JobNotifierDeps) {}

  start(events: JobEventBus): void {
    this.unsubscribe = events.subscribe((event) => {
      if (event.type !== 'finished') return;
      const p = this.notify(event.job).catch((error: unknown) =>
        this.deps.logger.error({ jobId: event.jobId, err: error }, 'job notification failed'),
      );
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    });
  }

  /** Stops listening and waits for notifications being sent. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all([...this.inFlight]);
  }

  async notify(job: JobRecord): Promise<void> {
    const { db, users, mailer, clock, logger, appUrl } = this.deps;
    if (!job.createdBy) return;
    const user = await users.get(job.createdBy);
    if (!user || user.disabled || !user.notifyOnJobEnd) return;
    try {
      await db
        .insertInto('job_notifications')
        .values({ job_id: job.id, user_id: user.id, status: 'sending', created_at: isoNow(clock) })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) return; // another event or process notified already
      throw error;
    }
    const { subject, text } = jobEndMessage(job, appUrl);
    let status = 'sent';
    try {
      await mailer.send({ to: user.email, subject, text });
      logger.info({ jobId: job.id, to: user.email }, 'job notification sent');
    } catch (error) {
      status = 'failed';
      logger.error({ jobId: job.id, err: error }, 'job notification could not be sent');
    }
    await db.updateTable('job_notifications').set({ status }).where('job_id', '=', job.id).execute();
  }
}
