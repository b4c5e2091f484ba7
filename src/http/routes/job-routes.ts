/** Background job status, history, stats, cancellation and retry. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import {
  jobAcceptedSchema,
  jobIdParamsSchema,
  jobSchema,
  jobStatsSchema,
  listJobsQuerySchema,
  listJobsResponseSchema,
} from '../../contract/jobs.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { assertJobIdCouldExist } from '../job-id.js';
import { answer, refusal } from '../openapi/answers.js';
import {
  cancelledJobExample,
  completedJobExample,
  errorExample,
  ids,
  processingJobExample,
  retryAcceptedExample,
} from '../openapi/examples.js';
import { presentAccepted, presentJob } from '../presenters.js';

export const jobRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/statements/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Job history, newest first, with filters and cursor pagination',
          querystring: listJobsQuerySchema,
          response: {
            200: answer(
              listJobsResponseSchema,
              'One page of jobs with their results; pass `nextCursor` as `cursor` for the next page, null on the last',
              { example: { jobs: [completedJobExample], nextCursor: null } },
            ),
            400: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { cursor, limit, status, type } = request.query;
        const page = await deps.jobService.list({ status, type, limit, after: decodeCursor(cursor) });
        return {
          jobs: page.jobs.map(presentJob),
          nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
        };
      },
    );

    app.get(
      '/api/statements/jobs/stats',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Counts by status, durations and throughput of finished jobs',
          response: {
            200: answer(
              jobStatsSchema,
              'Job counts by status; durations and throughput over the finished jobs',
              {
                example: {
                  byStatus: { queued: 0, processing: 1, completed: 41, failed: 1, cancelled: 2 },
                  finished: 44,
                  averageDurationMs: 48210,
                  maxDurationMs: 191874,
                  itemsPerSecond: 3.31,
                },
              },
            ),
          },
        },
      },
      async () => deps.jobService.stats(),
    );

    app.get(
      '/api/statements/jobs/:jobId',
      {
        schema: {
          tags: ['jobs'],
          summary: "A job's status, progress and (when finished) result",
          params: jobIdParamsSchema,
          response: {
            200: answer(
              jobSchema,
              'The job now: `progress` of `total` while it runs (`counts` live), `result` once it has ended',
              {
                examples: {
                  processing: { summary: 'Running', value: processingJobExample },
                  completed: { summary: 'Completed, one property in error', value: completedJobExample },
                },
              },
            ),
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        assertJobIdCouldExist(request.params.jobId);
        return presentJob(await deps.jobService.getJob(request.params.jobId));
      },
    );

    app.post(
      '/api/statements/jobs/:jobId/cancel',
      {
        config: { permission: 'jobs:manage' },
        schema: {
          tags: ['jobs'],
          summary: 'Cancel a queued or processing job; finished statements are kept',
          params: jobIdParamsSchema,
          response: {
            200: answer(jobSchema, 'Cancelled: the job with what it did before it stopped', {
              example: cancelledJobExample,
            }),
            404: errorResponseSchema,
            409: refusal('The job has ended already (job_finished)', {
              example: errorExample(
                'job_finished',
                `job ${ids.job} is already completed; only queued or processing jobs can be cancelled`,
              ),
            }),
          },
        },
      },
      async (request) => {
        assertJobIdCouldExist(request.params.jobId);
        const job = await deps.jobService.cancel(request.params.jobId, actorOf(request));
        return presentJob(job);
      },
    );

    app.post(
      '/api/statements/jobs/:jobId/retry',
      {
        config: { permission: 'jobs:manage' },
        schema: {
          tags: ['jobs'],
          summary: 'A new job (same type) for only the properties that errored in this finished job',
          params: jobIdParamsSchema,
          response: {
            202: answer(
              jobAcceptedSchema,
              'The new job was queued (its `retryOf` names this one): follow `statusUrl`',
              {
                example: retryAcceptedExample,
              },
            ),
            404: errorResponseSchema,
            409: refusal(
              'The job is still running (job_running), or no property errored in it (nothing_to_retry)',
              {
                example: errorExample(
                  'job_running',
                  `job ${ids.job} is still processing; retry it when it has finished`,
                ),
              },
            ),
          },
        },
      },
      async (request, reply) => {
        assertJobIdCouldExist(request.params.jobId);
        const { job } = await deps.jobService.retryFailed(request.params.jobId, actorOf(request));
        return reply.status(202).send(presentAccepted(job.id, job.type));
      },
    );
  };
