/**
 * Live job progress as Server-Sent Events: `item` (one per finished property, carrying its
 * sequence number `seq`) and `progress` events, then one final `completed`, `failed` or
 * `cancelled` event, after which the stream ends. A client that reconnects with Last-Event-ID
 * gets the items it missed from the store, then the live stream.
 *
 * Workers finish items concurrently, so item n+1 may be published before item n. An event's id
 * is therefore the stream's watermark — the highest n such that every item up to n has been
 * sent — never a sequence number sent early: a reconnect then replays everything after the
 * watermark, so no item is lost; an item sent early may arrive twice (same `seq`).
 *
 * Streams are bounded so that many of them cannot freeze the server: a user and the process may
 * hold only so many at once (429 beyond); the replay is read and written a page at a time, at the
 * client's pace; the final event carries the summary and counts, not the result lists (clients
 * GET the job for those); and a stream ends soon after its user is disabled or its session or
 * token ends.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import { type JobFinishedEventDto, jobEventsQuerySchema, jobIdParamsSchema } from '../../contract/jobs.js';
import type { FinishedItemView, JobEvent, JobRecord } from '../../jobs/types.js';
import { Turns } from '../../lib/turns.js';
import { AppError, notFound } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { principalOf } from '../auth-plugin.js';
import { assertJobIdCouldExist } from '../job-id.js';
import { presentCounts, presentFinishedEvent } from '../presenters.js';
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

function parseLastEventId(header: string | string[] | undefined, query: number | undefined): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const n = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  if (Number.isSafeInteger(n) && n >= 0) return n;
  return query ?? 0;
}

const isFinished = (job: JobRecord) =>
  job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';

export const jobEventsRoute =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const open = new Set<ServerResponse>();
    // Replays take turns, a couple of pages per pass of the event loop (see Turns).
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
            'Server-Sent Events: progress, item, then completed | failed | cancelled (summary and counts; GET the job for its result lists)',
          params: jobIdParamsSchema,
          querystring: jobEventsQuerySchema,
          response: { 404: errorResponseSchema, 429: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const jobId = request.params.jobId;
        assertJobIdCouldExist(jobId);
        const principal = principalOf(request);
        // 404 before the stream starts (the status only: a finished job's result can be large).
        if (!(await deps.jobs.getStatus(jobId))) throw notFound('job', jobId);
        const slot = deps.streamSlots.acquire(principal.userId);
        if ('refused' in slot) {
          const who = slot.refused === 'user' ? 'you have' : 'the server has';
          throw new AppError(
            429,
            'too_many_streams',
            `${who} ${slot.limit} job event streams open already; close one or try again in ${RETRY_AFTER_S} s`,
            { retryAfterSeconds: RETRY_AFTER_S, limit: slot.limit, scope: slot.refused },
          );
        }
        const releaseSlot = slot.release;
        const resumeAfter = parseLastEventId(request.headers['last-event-id'], request.query.lastEventId);
        // Items sent ahead of the watermark (out of sequence order), until it catches up.
        const sentAhead = new Set<number>();
        let watermark = resumeAfter;
        const isNew = (seq: number) => seq > watermark && !sentAhead.has(seq);
        const markSent = (seq: number) => {
          sentAhead.add(seq);
          while (sentAhead.delete(watermark + 1)) watermark++;
        };
        let lastProgress = resumeAfter;
        let ended = false;
        let replaying = true;
        let catchingUp = false;
        const queued: JobEvent[] = [];

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
        /** A live event: written at once; a client that falls too far behind is closed. */
        const pushRaw = (chunk: string) => {
          if (ended) return;
          if (!writer.push(chunk)) {
            request.log.warn({ jobId }, 'job event stream closed: the client is not reading');
            close();
          }
        };
        const push = (event: string, id: number, data: unknown) => pushRaw(sseEvent(event, id, data));
        const end = (job: JobRecord, summary?: JobFinishedEventDto['summary']) => {
          if (ended) return;
          push(job.status, job.progress, presentFinishedEvent(job, summary));
          close();
        };
        /** The job as stored, without its result lists (see JobRepository.getWithSummary). */
        const stored = async () => {
          const found = await deps.jobs.getWithSummary(jobId);
          if (!found) throw notFound('job', jobId);
          return found;
        };
        const handle = (event: JobEvent) => {
          if (event.type === 'item' && isNew(event.seq)) {
            markSent(event.seq);
            push('item', watermark, { seq: event.seq, ...event.item });
          } else if (event.type === 'progress' && event.seq > lastProgress) {
            lastProgress = event.seq;
            push('progress', watermark, {
              progress: event.progress,
              total: event.total,
              counts: presentCounts(event.counts),
            });
          } else if (event.type === 'finished') {
            // Items finished before the job did were already delivered (same process order).
            end(event.job);
          }
        };

        // Subscribe before reading the store, so nothing falls between replay and live events.
        const unsubscribe = deps.jobService.subscribe((event) => {
          if (event.jobId !== jobId || ended) return;
          if (replaying) queued.push(event);
          else handle(event);
        });
        const heartbeat = setInterval(() => {
          if (ended) return;
          pushRaw(': keep-alive\n\n');
          // Events between processes are delivered at most once: a lost `finished` would keep
          // this stream open for ever. The store says whether the job ended; if so, send what the
          // store has beyond the watermark and end.
          if (!replaying && !catchingUp) {
            catchingUp = true;
            void catchUpIfFinished()
              .catch((error: unknown) =>
                request.log.warn({ err: error, jobId }, 'job event stream could not check the job'),
              )
              .finally(() => {
                catchingUp = false;
              });
          }
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

        /**
         * Sends the stored items after `after` that this stream has not sent, at the client's
         * pace and taking turns with the other streams. The store is read a page at a time (one
         * page held per stream); a turn writes from the page until the socket's buffer is full,
         * then the stream waits for 'drain' without holding a turn, and goes on where it stopped.
         */
        async function replayStored(after: number): Promise<void> {
          let cursor = after;
          let page: Array<FinishedItemView & { seq: number }> = [];
          let next = 0;
          let last = false;
          for (;;) {
            const more = await replayTurns.run(async () => {
              if (ended) return false;
              if (next >= page.length) {
                if (last) return false;
                page = await deps.jobs.finishedItemsAfter(jobId, cursor, REPLAY_PAGE);
                next = 0;
                last = page.length < REPLAY_PAGE;
              }
              // Events go out in batches: one write per event would cost more than the events.
              let batch = '';
              while (next < page.length && !ended) {
                const item = page[next++];
                if (!item) continue;
                cursor = item.seq;
                if (!isNew(item.seq)) continue;
                markSent(item.seq);
                batch += sseEvent('item', watermark, item);
                if (batch.length >= WRITE_BATCH_CHARS) {
                  const room = writer.write(batch);
                  batch = '';
                  if (!room) return true;
                }
              }
              if (batch) writer.write(batch);
              return !last && !ended;
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
        async function catchUpIfFinished(): Promise<void> {
          const { job, summary } = await stored();
          if (ended || !isFinished(job)) return;
          await replayStored(watermark);
          end(job, summary);
        }

        try {
          await replayStored(resumeAfter);
          if (ended) return;
          const { job } = await stored();
          if (job.progress > lastProgress || job.progress === 0) {
            lastProgress = Math.max(lastProgress, job.progress);
            push('progress', watermark, {
              progress: job.progress,
              total: job.total,
              counts: presentCounts(job.counts),
            });
          }
          replaying = false;
          for (const event of queued.splice(0)) handle(event);
          if (isFinished(job)) {
            const last = await stored();
            end(last.job, last.summary);
          }
        } catch (error) {
          request.log.error({ err: error, jobId }, 'job event stream failed');
          close();
        }
      },
    );
  };
