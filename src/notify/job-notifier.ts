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

export function jobEndMessage(job: JobRecord, appUrl: string): { subject: string; text: string } {
  const sending = job.type === 'statement_delivery';
  const period = sending
    ? `${String(job.params.periodStart)} to ${String(job.params.periodEnd)}`
    : `${String(job.params.startDate)} to ${String(job.params.endDate)}`;
  const done = sending ? 'sent' : 'generated';
  const s = job.result?.summary;
  const counts = s
    ? `${s.generated} ${done}, ${s.skipped} skipped, ${s.errors} with errors`
    : `no statement ${done}`;
  const word = { completed: 'completed', failed: 'failed', cancelled: 'was cancelled' }[
    job.status as 'completed' | 'failed' | 'cancelled'
  ];
  const what = sending ? 'Sending statements' : 'Statement generation';
  return {
    subject: `${what} ${word} (${period}): ${counts}`,
    text: [
      `The ${sending ? 'sending of the final statements' : 'bulk statement generation'} for ${period} ${word}.`,
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
