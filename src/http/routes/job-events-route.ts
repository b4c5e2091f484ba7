/**
 * Live job progress as Server-Sent Events: `item` (one per finished property), `progress`, then
 * one final `completed`, `failed` or `cancelled` event, after which the stream ends.
 *
 * The contract: items go out strictly in their finish order (`seq`, dense from 1), each exactly
 * once, and an item event's `id:` is its `seq`. Progress and final events carry no `id:`, so the
 * client's last event id (HTML spec) is always the last item it got, and a reconnect with
 * Last-Event-ID n (or `?lastEventId=n`) gets items n+1, n+2, … — every item exactly once across
 * reconnects. An id that is not a number counts as none; one beyond the items the job has
 * finished is not this job's (ids are sent only for stored items) and replays from the start.
 * A progress event never counts items the stream has not sent yet.
 *
 * Batches finish concurrently, in this process or in others whose events come over Redis or
 * PostgreSQL NOTIFY (at most once, any order). The store numbers a batch only after every batch
 * before it committed, so an event whose first item is beyond the next one to send proves the
 * items between are in the store: the stream reads them there (a page at a time, one read at a
 * time), then goes on. Live items that arrive ahead of a gap wait (a page at most; beyond that
 * they are read from the store too). A lost event costs nothing: the next event, the heartbeat's
 * look at the job (every 15 s) or the job's end fills the gap, and before the final event the
 * stream sends every item the store has.
 *
 * Streams are bounded so that many of them cannot freeze the server: a user and the process may
 * hold only so many at once (429 beyond); the store is read and written a page at a time, at the
 * client's pace; the final event carries the summary and counts, not the result lists (clients
 * GET the job for those); and a stream ends soon after its user is disabled or its session or
 * token ends.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import {
  type JobFinishedEventDto,
  type JobItemEventDto,
  type JobProgressEventDto,
  jobEventsQuerySchema,
  jobIdParamsSchema,
} from '../../contract/jobs.js';
import { Turns } from '../../lib/turns.js';
import type { FinishedItemView, JobEvent, JobRecord } from '../../model/jobs.js';
import { notFound } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { principalOf } from '../auth-plugin.js';
import { HttpError } from '../http-error.js';
import { assertJobIdCouldExist } from '../job-id.js';
import { nonJson, refusal } from '../openapi/answers.js';
import { errorExample, jobEventStreamExample } from '../openapi/examples.js';
import { presentFinishedEvent } from '../presenters.js';
import { SseWriter, sseEvent } from '../sse-writer.js';

const HEARTBEAT_MS = 15_000;
const AUTH_CHECK_MS = 30_000;
/** A replay waits this long for a client that reads nothing before dropping it. */
const DEFAULT_STALL_MS = 30_000;
const REPLAY_PAGE = 500;
/** Pages replayed at once in this process, whatever the number of streams. */
const REPLAY_TURNS = 2;
/** Replayed events are written in batches of about this size. */
const WRITE_BATCH_CHARS = 16 * 1024;
/** A refused client may try again after this; slots free up as other streams end. */
const RETRY_AFTER_S = 10;

/** Live items held while a gap below them is read from the store; beyond this they are read too. */
const MAX_EARLY_ITEMS = REPLAY_PAGE;

type StreamItem = FinishedItemView & { seq: number };
/** What a `progress` event says (the contract's type, so the web app reads what is sent). */
type ProgressData = JobProgressEventDto;

/**
 * Where the client says it is: the Last-Event-ID header (what EventSource sends), else the
 * query's `lastEventId`; a header that is not a plain number counts as none (never half-parsed:
 * `12abc` is not 12).
 */
function parseLastEventId(header: string | string[] | undefined, query: number | undefined): number {
  const raw = (Array.isArray(header) ? header[0] : header)?.trim();
  if (raw !== undefined && /^\d{1,15}$/.test(raw)) return Number(raw);
  return query ?? 0;
}

const isFinished = (job: JobRecord) =>
  job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';

export const jobEventsRoute =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const open = new Set<ServerResponse>();
    // Store reads take turns, a couple of pages per pass of the event loop (see Turns).
    const replayTurns = new Turns(REPLAY_TURNS);
    // Streams would otherwise hold the server open at shutdown.
    app.addHook('preClose', async () => {
      for (const res of open) res.end();
    });

    app.get(
      '/api/statements/jobs/:jobId/events',
      {
        schema: {
          tags: ['jobs'],
          summary:
            'Server-Sent Events: progress, item (in finish order, id = seq; Last-Event-ID resumes after it), then completed | failed | cancelled (summary and counts; GET the job for its result lists)',
          params: jobIdParamsSchema,
          querystring: jobEventsQuerySchema,
          response: {
            200: nonJson(
              'text/event-stream',
              'The event stream, until the job has ended (at once for a finished job: its items, then the final event)',
              { example: jobEventStreamExample },
            ),
            404: errorResponseSchema,
            429: refusal(
              "Too many event streams open, yours or the server's (too_many_streams): close one, or try again after `details.retryAfterSeconds`",
              {
                example: errorExample(
                  'too_many_streams',
                  `you have 10 job event streams open already; close one or try again in ${RETRY_AFTER_S} s`,
                  { retryAfterSeconds: RETRY_AFTER_S, limit: 10, scope: 'user' },
                ),
              },
            ),
          },
        },
      },
      async (request, reply) => {
        const jobId = request.params.jobId;
        assertJobIdCouldExist(jobId);
        const principal = principalOf(request);
        // 404 before the stream starts (the status only: a finished job's result can be large).
        if (!(await deps.jobEvents.jobs.getStatus(jobId))) throw notFound('job', jobId);
        const slot = deps.streamSlots.acquire(principal.userId);
        if ('refused' in slot) {
          const who = slot.refused === 'user' ? 'you have' : 'the server has';
          throw new HttpError(
            429,
            'too_many_streams',
            `${who} ${slot.limit} job event streams open already; close one or try again in ${RETRY_AFTER_S} s`,
            { retryAfterSeconds: RETRY_AFTER_S, limit: slot.limit, scope: slot.refused },
          );
        }
        const releaseSlot = slot.release;
        const resumeAfter = parseLastEventId(request.headers['last-event-id'], request.query.lastEventId);

        // Every item with seq ≤ lastSent has been sent, in order; the next one sent is lastSent + 1.
        let lastSent = resumeAfter;
        // Every item with seq ≤ stored is in the store (what events and the job's counter prove).
        let stored = 0;
        // Live items beyond lastSent + 1, waiting for the items below them (by seq, bounded).
        const early = new Map<number, StreamItem>();
        // The newest progress not sent yet, and the last progress sent (-1: none yet).
        let progressNext: ProgressData | undefined;
        let lastProgress = -1;
        // The job ended: what the final event says, once every stored item has been sent.
        let final: { job: JobRecord; summary?: JobFinishedEventDto['summary'] } | undefined;
        // The pump (the only writer of items) runs once the stream knows where to start, one at a time.
        let started = false;
        let pumping = false;
        let checking = false;
        // The job's counter as the heartbeat last saw it.
        let hinted = 0;
        let ended = false;

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          // no-store like every /api answer (the stream is hijacked, so the onSend hook does not see it).
          'cache-control': 'no-store, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 2000\n\n');
        open.add(res);
        const writer = new SseWriter(res, deps.sseMaxBufferedBytes);

        /** Ends the stream without a final event (the client's reconnect decides what follows). */
        const close = () => {
          if (ended) return;
          ended = true;
          cleanup();
          res.end();
        };
        /** A live write: at once; a client that falls too far behind is closed. */
        const pushRaw = (chunk: string) => {
          if (ended) return;
          if (!writer.push(chunk)) {
            request.log.warn({ jobId }, 'job event stream closed: the client is not reading');
            close();
          }
        };
        /** The job as stored, without its result lists (see JobRepository.getWithSummary). */
        const readJob = async () => {
          const found = await deps.jobEvents.jobs.getWithSummary(jobId);
          if (!found) throw notFound('job', jobId);
          return found;
        };
        const noteProgress = (p: ProgressData) => {
          if (p.progress <= lastProgress || (progressNext && p.progress <= progressNext.progress)) return;
          progressNext = { progress: p.progress, total: p.total, counts: p.counts };
        };
        /** What an event says; the pump sends it (events only update the stream's state). */
        const note = (event: JobEvent) => {
          if (event.type === 'items') {
            for (const item of event.items) {
              // Published after its batch committed: it and every item before it are stored.
              if (item.seq > stored) stored = item.seq;
              if (item.seq > lastSent && early.size < MAX_EARLY_ITEMS) early.set(item.seq, item);
            }
            noteProgress(event);
          } else if (event.type === 'progress') {
            noteProgress(event);
          } else if (event.type === 'finished') {
            final ??= { job: event.job };
          }
          kick();
        };

        // Subscribe before reading the store, so nothing falls between the store and live events.
        const unsubscribe = deps.jobService.subscribe((event) => {
          if (event.jobId !== jobId || ended) return;
          note(event);
        });
        const heartbeat = setInterval(() => {
          if (ended) return;
          pushRaw(': keep-alive\n\n');
          // Events between processes are delivered at most once: a lost `items` event would
          // leave a gap until the next one, a lost `finished` this stream open for ever. The
          // job's counter says which items are stored, its status whether it ended.
          if (!started || checking) return;
          checking = true;
          void readJob()
            .then(({ job, summary }) => {
              if (ended) return;
              // Once per counter value: a job without items (runInBackground) has a counter and
              // nothing to read.
              if (job.progress > Math.max(stored, hinted)) stored = hinted = job.progress;
              noteProgress({ progress: job.progress, total: job.total, counts: job.counts });
              if (isFinished(job)) final ??= { job, summary };
              kick();
            })
            .catch((error: unknown) =>
              request.log.warn({ err: error, jobId }, 'job event stream could not check the job'),
            )
            .finally(() => {
              checking = false;
            });
        }, deps.sseHeartbeatMs ?? HEARTBEAT_MS);
        heartbeat.unref();
        // Authentication happened once, at the start; a stream may stay open for hours, so it
        // asks again now and then whether its credential still holds.
        const authCheck = setInterval(() => {
          if (ended) return;
          deps.authService
            .isStillValid(principal)
            .then((valid) => {
              if (valid || ended) return;
              request.log.info(
                { jobId, userId: principal.userId },
                'job event stream closed: the account is disabled or its credential ended',
              );
              close();
            })
            .catch((error: unknown) =>
              request.log.warn({ err: error, jobId }, 'job event stream could not re-check its credential'),
            );
        }, deps.sseAuthCheckMs ?? AUTH_CHECK_MS);
        authCheck.unref();
        function cleanup() {
          clearInterval(heartbeat);
          clearInterval(authCheck);
          unsubscribe();
          open.delete(res);
          releaseSlot();
        }
        // The response's close (not the request's, which fires once the request is read) means
        // the client went away.
        res.on('close', () => {
          ended = true;
          cleanup();
        });
        // The client may have gone while the job was looked up, before there was a listener.
        if (res.destroyed || !res.socket || res.socket.destroyed) {
          ended = true;
          cleanup();
          return;
        }

        /** Starts the pump unless it runs (it then sees the new state before it stops). */
        function kick() {
          if (!started || pumping || ended) return;
          pumping = true;
          pump().catch((error: unknown) => {
            pumping = false;
            request.log.error({ err: error, jobId }, 'job event stream failed');
            close();
          });
        }

        /**
         * Sends what the stream's state holds, in order: the live items that follow the last one
         * sent, the stored items of a gap, progress, and at the job's end every stored item and
         * the final event. Single-flight: at most one store read per stream at a time; events
         * that arrive meanwhile only update the state, and the loop sees them before it stops
         * (the check and `pumping = false` run with no await between them).
         */
        async function pump(): Promise<void> {
          for (;;) {
            if (ended) {
              pumping = false;
              return;
            }
            // A batch's items, then its progress: one write for the lot.
            let chunk = takeEarly();
            if (stored > lastSent) {
              if (chunk) pushRaw(chunk);
              await sendStored(stored);
              // The store had less than events claimed (never, while seqs are dense): trust it.
              if (stored > lastSent && !ended) stored = lastSent;
              pruneEarly();
              continue;
            }
            chunk += takeProgress();
            if (chunk) {
              pushRaw(chunk);
              continue;
            }
            if (final) {
              // Every item the store has, whatever reached this process as events.
              await sendStored(Number.POSITIVE_INFINITY);
              if (ended) continue;
              const { job, summary } = final;
              pushRaw(takeProgress() + sseEvent(job.status, undefined, presentFinishedEvent(job, summary)));
              close();
              continue;
            }
            pumping = false;
            return;
          }
        }

        /** The live items that follow the last one sent, as events (now counted as sent). */
        function takeEarly(): string {
          let chunk = '';
          for (let item = early.get(lastSent + 1); item; item = early.get(lastSent + 1)) {
            early.delete(item.seq);
            lastSent = item.seq;
            chunk += sseEvent('item', item.seq, item satisfies JobItemEventDto);
          }
          return chunk;
        }

        /** The progress not sent yet, as an event (now counted as sent), or nothing. */
        function takeProgress(): string {
          if (!progressNext) return '';
          const { progress, total, counts } = progressNext;
          progressNext = undefined;
          lastProgress = progress;
          return sseEvent('progress', undefined, { progress, total, counts } satisfies JobProgressEventDto);
        }

        function pruneEarly() {
          for (const seq of early.keys()) if (seq <= lastSent) early.delete(seq);
        }

        /**
         * Sends the stored items after the last one sent, up to at least `until` or the store's
         * end, at the client's pace and taking turns with the other streams. The store is read a
         * page at a time (one page held per stream); a turn writes from the page until the
         * socket's buffer is full, then the stream waits for 'drain' without holding a turn, and
         * goes on where it stopped.
         */
        async function sendStored(until: number): Promise<void> {
          let page: StreamItem[] = [];
          let next = 0;
          let last = false;
          for (;;) {
            const more = await replayTurns.run(async () => {
              if (ended) return false;
              if (next >= page.length) {
                if (last || lastSent >= until) return false;
                page = await deps.jobEvents.items.finishedAfter(jobId, lastSent, REPLAY_PAGE);
                next = 0;
                last = page.length < REPLAY_PAGE;
              }
              // Events go out in batches: one write per event would cost more than the events.
              let batch = '';
              while (next < page.length && !ended) {
                const item = page[next++];
                if (!item || item.seq <= lastSent) continue;
                lastSent = item.seq;
                batch += sseEvent('item', item.seq, item satisfies JobItemEventDto);
                if (batch.length >= WRITE_BATCH_CHARS) {
                  const room = writer.write(batch);
                  batch = '';
                  if (!room) return true;
                }
              }
              if (batch) writer.write(batch);
              return !ended && !last && lastSent < until;
            });
            if (!more || ended) return;
            if (!(await writer.drained(deps.sseStallMs ?? DEFAULT_STALL_MS))) {
              request.log.warn({ jobId }, 'job event stream dropped: the client stopped reading');
              // destroy, not end: end() would wait for the very buffer the client does not read.
              // Its 'close' listener releases the slot.
              ended = true;
              res.destroy();
              return;
            }
          }
        }

        try {
          const first = await readJob();
          if (ended) return;
          if (resumeAfter > first.job.progress) {
            // Ids are sent only for stored items, so this id is not from this job's stream.
            request.log.info(
              { jobId, lastEventId: resumeAfter, progress: first.job.progress },
              'job event stream: Last-Event-ID beyond the finished items; replaying from the start',
            );
            lastSent = 0;
          }
          if (first.job.progress > stored) stored = first.job.progress;
          // A (re)connected client gets the job's progress once, after the items it missed.
          noteProgress({ progress: first.job.progress, total: first.job.total, counts: first.job.counts });
          if (isFinished(first.job)) final ??= first;
          started = true;
          kick();
        } catch (error) {
          request.log.error({ err: error, jobId }, 'job event stream failed');
          close();
        }
      },
    );
  };
